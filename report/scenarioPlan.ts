// What a run's scenario (run.json `scenario`: the profile's executor and stages) planned at each moment: journeys started a second for the
// arrival-rate executors, VUs for the VU executors. The target lines the report draws under what was achieved.

import { parseDurationOption } from '../scripts/commands/options.ts';

export interface ScenarioRecord {
  executor: string;
  [key: string]: unknown;
}

interface Stage {
  seconds: number;
  target: number;
}

/** A duration such as 30s or 1h30m; "0s" is one too (a ramping stage that jumps at once). */
const seconds = (raw: unknown): number => (/^0+(\.0+)?(ms|s|m|h)?$/.test(String(raw).trim()) ? 0 : parseDurationOption('run.json scenario duration', String(raw)));

function stagesOf(scenario: ScenarioRecord): Stage[] {
  const stages = Array.isArray(scenario.stages) ? (scenario.stages as { duration: unknown; target: unknown }[]) : [];
  return stages.map((s) => ({ seconds: seconds(s.duration), target: Number(s.target) }));
}

/** The ramping executors move linearly from the last target to each stage's target over the stage. */
function ramp(start: number, stages: Stage[], t: number): number | null {
  let from = start;
  let at = 0;
  for (const stage of stages) {
    if (t <= at + stage.seconds) return stage.seconds === 0 ? stage.target : from + ((stage.target - from) * (t - at)) / stage.seconds;
    at += stage.seconds;
    from = stage.target;
  }
  return null;
}

/** Planned journeys started a second at t seconds, or undefined when the executor plans no arrival rate. */
export function plannedArrivalRate(scenario: ScenarioRecord | undefined): ((t: number) => number | null) | undefined {
  if (!scenario) return undefined;
  const unit = scenario.timeUnit === undefined ? 1 : seconds(scenario.timeUnit);
  if (scenario.executor === 'ramping-arrival-rate') {
    const stages = stagesOf(scenario);
    return (t) => {
      const rate = ramp(Number(scenario.startRate ?? 0), stages, t);
      return rate === null ? null : rate / unit;
    };
  }
  if (scenario.executor === 'constant-arrival-rate') {
    const duration = seconds(scenario.duration);
    return (t) => (t <= duration ? Number(scenario.rate) / unit : null);
  }
  return undefined;
}

/** Planned VUs at t seconds, or undefined when the executor plans no VU count over time. */
export function plannedVus(scenario: ScenarioRecord | undefined): ((t: number) => number | null) | undefined {
  if (!scenario) return undefined;
  if (scenario.executor === 'ramping-vus') {
    const stages = stagesOf(scenario);
    return (t) => ramp(Number(scenario.startVUs ?? 1), stages, t);
  }
  if (scenario.executor === 'constant-vus') {
    const duration = seconds(scenario.duration);
    return (t) => (t <= duration ? Number(scenario.vus) : null);
  }
  return undefined;
}

/** The scenario when both plans read it, else a UsageError naming run.json's bad duration. */
export function checkedScenario(scenario: ScenarioRecord | undefined): ScenarioRecord | undefined {
  plannedArrivalRate(scenario)?.(0);
  plannedVus(scenario)?.(0);
  return scenario;
}
