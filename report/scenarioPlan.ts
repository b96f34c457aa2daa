// What a run's load plan (run.json `plan`, the engine's LoadPlan) planned at each moment: journeys started a second
// for the arrival-rate executors, users for the ramping and constant user executors, as engine/schedule.ts computes
// them for the run itself. The target lines the report draws under what was achieved.

import { EXECUTORS, isOpenModel, planProblem, plannedSeconds, type Executor, type LoadPlan } from '../engine/plan.ts';
import { rateAt, usersAt } from '../engine/schedule.ts';
import { UsageError } from '../vocabulary/errors.ts';

/** The planned executor as report/timeline.ts takes it (its `executor` names it in a caption). */
export type ScenarioRecord = Executor;

/** A moment just before the plan's end: the schedule's curves hold their last value up to the end itself. */
const withinPlan = (executor: Executor, t: number): number | undefined => {
  const end = plannedSeconds(executor);
  return t > end ? undefined : Math.min(t, end * (1 - 1e-12));
};

/** Planned journeys started a second at t seconds (null after the plan), or undefined when the executor plans no arrival rate. */
export function plannedArrivalRate(executor: Executor | undefined): ((t: number) => number | null) | undefined {
  if (!executor || !isOpenModel(executor)) return undefined;
  return (t) => {
    const at = withinPlan(executor, t);
    return at === undefined ? null : rateAt(executor, at);
  };
}

/** Planned users at t seconds (null after the plan), or undefined when the executor plans no user count over time. */
export function plannedVus(executor: Executor | undefined): ((t: number) => number | null) | undefined {
  if (!executor || (executor.executor !== 'ramping-vus' && executor.executor !== 'constant-vus')) return undefined;
  return (t) => {
    const at = withinPlan(executor, t);
    return at === undefined ? null : usersAt(executor, at);
  };
}

/** What is wrong with a recorded plan, or undefined when the engine would run it. */
function recordedPlanProblem(plan: unknown): string | undefined {
  if (typeof plan !== 'object' || plan === null) return 'not an object';
  const executor = (plan as { executor?: unknown }).executor;
  if (typeof executor !== 'object' || executor === null) return 'no executor';
  const name = (executor as { executor?: unknown }).executor;
  if (!(EXECUTORS as readonly unknown[]).includes(name)) return `executor ${String(name)}, not one of ${EXECUTORS.join(', ')}`;
  if ((name === 'ramping-vus' || name === 'ramping-arrival-rate') && !Array.isArray((executor as { stages?: unknown }).stages))
    return `${String(name)} without stages`;
  return planProblem(plan as LoadPlan);
}

/**
 * The executor of the plan run.json records, or undefined when it records none (a run folder from before runs
 * recorded their plan: the report then draws no planned curve). A plan the engine would refuse is a UsageError.
 */
export function recordedExecutor(run: Record<string, unknown>): Executor | undefined {
  if (run.plan === undefined || run.plan === null) return undefined;
  const problem = recordedPlanProblem(run.plan);
  if (problem) {
    throw new UsageError(
      `run.json plan (${problem})`,
      'the load plan `harness run` recorded',
      'Leave run.json as the run wrote it, or remove its plan to draw the report without the planned curves.',
    );
  }
  return (run.plan as LoadPlan).executor;
}
