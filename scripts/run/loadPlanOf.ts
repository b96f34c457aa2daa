// A profile's plan as the engine's LoadPlan. Profiles still describe their scenario in k6's words (executor, VUs,
// time units, stages) while the k6 path exists beside the engine; this reads those words once, so both run the same
// numbers. Goes when the profiles build LoadPlans themselves.

import type { Executor, LoadPlan, Stage, Threshold } from '../../engine/plan.ts';
import { ENGINE_METRICS } from '../../engine/metricNames.ts';
import { parseDurationOption } from '../commands/options.ts';
import type { ProfilePlan } from './profiles/index.ts';
import type { K6Thresholds } from './profiles/thresholds.ts';

/** k6's default graceful stop. */
const DEFAULT_GRACEFUL_STOP_SECONDS = 30;

type Scenario = Record<string, unknown> & { executor: string };

const seconds = (raw: unknown, what: string): number => parseDurationOption(what, String(raw));
const num = (raw: unknown): number => Number(raw);

function stagesOf(scenario: Scenario, perSecond: number): Stage[] {
  return ((scenario.stages as { duration: string; target: number }[]) ?? []).map((s) => ({ seconds: seconds(s.duration, 'stage duration'), target: s.target / perSecond }));
}

export function executorOf(scenario: Scenario): Executor {
  const unit = scenario.timeUnit === undefined ? 1 : seconds(scenario.timeUnit, 'timeUnit');
  switch (scenario.executor) {
    case 'shared-iterations':
      return { executor: 'shared-iterations', users: num(scenario.vus ?? 1), iterations: num(scenario.iterations), maxSeconds: seconds(scenario.maxDuration ?? '10m', 'maxDuration') };
    case 'constant-arrival-rate':
      return { executor: 'constant-arrival-rate', rate: num(scenario.rate) / unit, seconds: seconds(scenario.duration, 'duration'), maxInFlight: num(scenario.maxVUs ?? scenario.preAllocatedVUs) };
    case 'ramping-arrival-rate':
      return { executor: 'ramping-arrival-rate', startRate: num(scenario.startRate ?? 0) / unit, stages: stagesOf(scenario, unit), maxInFlight: num(scenario.maxVUs ?? scenario.preAllocatedVUs) };
    case 'constant-vus':
      return { executor: 'constant-vus', users: num(scenario.vus), seconds: seconds(scenario.duration, 'duration') };
    case 'ramping-vus':
      return { executor: 'ramping-vus', startUsers: num(scenario.startVUs ?? 0), stages: stagesOf(scenario, 1) };
    default:
      throw new Error(`scenario executor ${scenario.executor}: the engine runs shared-iterations, constant/ramping-arrival-rate and constant/ramping-vus`);
  }
}

/** k6's metric for arrivals it could not start is the engine's journeys_dropped. */
const METRIC_RENAMES: Record<string, string> = { dropped_iterations: ENGINE_METRICS.journeysDropped };

export function thresholdsOf(thresholds: K6Thresholds): Record<string, Threshold[]> {
  return Object.fromEntries(
    Object.entries(thresholds).map(([metric, list]) => [
      METRIC_RENAMES[metric] ?? metric,
      list.map((t) =>
        typeof t === 'string'
          ? { expression: t }
          : { expression: t.threshold, ...(t.abortOnFail ? { abortOnFail: true } : {}), ...(t.delayAbortEval ? { abortAfterSeconds: seconds(t.delayAbortEval, 'delayAbortEval') } : {}) },
      ),
    ]),
  );
}

/** The engine's plan for a profile's: its executor, graceful stop and every threshold (the SLOs' included). */
export function loadPlanOf(plan: ProfilePlan, thresholds: K6Thresholds): LoadPlan {
  const scenario = plan.scenario as Scenario;
  return {
    executor: executorOf(scenario),
    gracefulStopSeconds: scenario.gracefulStop === undefined ? DEFAULT_GRACEFUL_STOP_SECONDS : seconds(scenario.gracefulStop, 'gracefulStop'),
    thresholds: thresholdsOf(thresholds),
  };
}
