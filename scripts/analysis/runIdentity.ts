// What a run folder says it ran (profile, scale, planned duration) for `harness compare`'s check that its runs can be
// compared: read from run.json; a folder without run.json is a run of unknown profile, scale and duration.

import { existsSync } from 'node:fs';
import type { RunIdentity } from '../../analysis/comparable.ts';
import { plannedSeconds as plannedSecondsOf } from '../../engine/plan.ts';
import { recordedExecutor } from '../../report/scenarioPlan.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { readJsonFile } from './runInputs.ts';

interface RunJson {
  profile?: unknown;
  scale?: unknown;
  durationSeconds?: unknown;
  plan?: unknown;
}

/** --duration when the run was given one, else what its load plan plans (run.json's plan, the engine's LoadPlan). */
export function plannedSeconds(run: RunJson): number | undefined {
  if (typeof run.durationSeconds === 'number') return run.durationSeconds;
  const executor = recordedExecutor(run as Record<string, unknown>);
  return executor ? plannedSecondsOf(executor) : undefined;
}

export function readRunIdentity(dir: string): RunIdentity {
  const file = runFile(dir, 'run');
  if (!existsSync(file)) return { dir, profile: undefined, scale: undefined, plannedSeconds: undefined };
  const run = readJsonFile<RunJson>(file, "the run's parameters written by `harness run`");
  return {
    dir,
    profile: typeof run.profile === 'string' ? run.profile : undefined,
    scale: typeof run.scale === 'number' ? run.scale : undefined,
    plannedSeconds: plannedSeconds(run),
  };
}
