// A load plan, neutral of any tool: which executor runs the consumers' journeys and with what numbers. Profiles
// build one from targets.yaml; the engine runs it. Times are in seconds, rates in journeys a second.

/** A stage of a ramping executor: reach `target` (a rate, or users) linearly over `seconds`. */
export interface Stage {
  seconds: number;
  target: number;
}

/** Closed model: a fixed pool of users takes a fixed number of journeys between them, as fast as they can. */
export interface SharedIterations {
  executor: 'shared-iterations';
  users: number;
  iterations: number;
  maxSeconds: number;
}

/** Open model: journeys start at a set rate whatever the target's speed. */
export interface ConstantArrivalRate {
  executor: 'constant-arrival-rate';
  rate: number;
  seconds: number;
  /** Journeys in flight at most; an arrival over it is dropped and counted. */
  maxInFlight: number;
}

export interface RampingArrivalRate {
  executor: 'ramping-arrival-rate';
  startRate: number;
  stages: Stage[];
  maxInFlight: number;
}

/** Closed model: each user makes a journey, then the next, for the whole duration. */
export interface ConstantUsers {
  executor: 'constant-vus';
  users: number;
  seconds: number;
}

export interface RampingUsers {
  executor: 'ramping-vus';
  startUsers: number;
  stages: Stage[];
}

export type Executor = SharedIterations | ConstantArrivalRate | RampingArrivalRate | ConstantUsers | RampingUsers;

/** A threshold in the vocabulary performance engineers know: `p(95)<1000`, `rate<=0.01`, `count<=0`. */
export interface Threshold {
  expression: string;
  /** Stop the test as soon as it is crossed (breakpoint tests), judged only after `abortAfterSeconds` of load. */
  abortOnFail?: boolean;
  abortAfterSeconds?: number;
}

export interface LoadPlan {
  executor: Executor;
  /** After the plan's time, journeys in flight get this long to finish before they are cut off. */
  gracefulStopSeconds: number;
  /** Metric (optionally with a tag filter, `http_req_duration{name:GET /x}`) → its thresholds. */
  thresholds: Record<string, Threshold[]>;
}

export const EXECUTORS = ['shared-iterations', 'constant-arrival-rate', 'ramping-arrival-rate', 'constant-vus', 'ramping-vus'] as const;

/** Seconds the executor plans to run (before any graceful stop). */
export function plannedSeconds(executor: Executor): number {
  switch (executor.executor) {
    case 'shared-iterations':
      return executor.maxSeconds;
    case 'constant-arrival-rate':
    case 'constant-vus':
      return executor.seconds;
    default:
      return executor.stages.reduce((sum, stage) => sum + stage.seconds, 0);
  }
}

/** Whether the executor is an open model (arrivals on a clock) rather than a closed one (users in a loop). */
export function isOpenModel(executor: Executor): boolean {
  return executor.executor === 'constant-arrival-rate' || executor.executor === 'ramping-arrival-rate';
}

/** Checks a plan's numbers, naming the first that is wrong; a plan from a profile or the CLI passes through here. */
export function planProblem(plan: LoadPlan): string | undefined {
  const e = plan.executor;
  const positive = (name: string, value: number, whole = false): string | undefined =>
    Number.isFinite(value) && value > 0 && (!whole || Number.isInteger(value))
      ? undefined
      : `${e.executor} ${name} must be a ${whole ? 'whole number' : 'number'} > 0, got ${value}`;
  const stagesProblem = (stages: Stage[]): string | undefined =>
    stages.length === 0
      ? `${e.executor} needs at least one stage`
      : stages
          .map((s, i) =>
            s.seconds >= 0 && Number.isFinite(s.seconds) && s.target >= 0 && Number.isFinite(s.target)
              ? undefined
              : `stage ${i + 1} needs seconds ≥ 0 and target ≥ 0`,
          )
          .find(Boolean);
  if (!(plan.gracefulStopSeconds >= 0)) return `gracefulStopSeconds must be ≥ 0, got ${plan.gracefulStopSeconds}`;
  switch (e.executor) {
    case 'shared-iterations':
      return positive('users', e.users, true) ?? positive('iterations', e.iterations, true) ?? positive('maxSeconds', e.maxSeconds);
    case 'constant-arrival-rate':
      return positive('rate', e.rate) ?? positive('seconds', e.seconds) ?? positive('maxInFlight', e.maxInFlight, true);
    case 'ramping-arrival-rate':
      return (
        (e.startRate >= 0 ? undefined : 'ramping-arrival-rate startRate must be ≥ 0') ?? stagesProblem(e.stages) ?? positive('maxInFlight', e.maxInFlight, true)
      );
    case 'constant-vus':
      return positive('users', e.users, true) ?? positive('seconds', e.seconds);
    case 'ramping-vus':
      return (e.startUsers >= 0 ? undefined : 'ramping-vus startUsers must be ≥ 0') ?? stagesProblem(e.stages);
  }
}
