// What a run folder says it ran (profile, scale, planned duration) for `harness compare`'s check that its runs can be
// compared: read from run.json; a folder without run.json is a run of unknown profile, scale and duration.

import { existsSync } from 'node:fs';
import type { RunIdentity } from '../../analysis/comparable.ts';
import { runFile } from '../runFiles.ts';
import { parseDurationOption } from '../commands/options.ts';
import { readJsonFile } from './runInputs.ts';

interface RunJson {
  profile?: unknown;
  scale?: unknown;
  durationSeconds?: unknown;
  scenario?: { duration?: unknown; stages?: { duration?: unknown }[] } | null;
}

const k6Seconds = (raw: unknown): number => (/^0+(\.0+)?(ms|s|m|h)?$/.test(String(raw).trim()) ? 0 : parseDurationOption('run.json scenario duration', String(raw)));

/** --duration when the run was given one, else what its scenario plans (a duration, or its stages added up). */
export function plannedSeconds(run: RunJson): number | undefined {
  if (typeof run.durationSeconds === 'number') return run.durationSeconds;
  const scenario = run.scenario;
  if (!scenario) return undefined;
  if (scenario.duration !== undefined) return k6Seconds(scenario.duration);
  if (Array.isArray(scenario.stages)) return scenario.stages.reduce((sum, s) => sum + k6Seconds(s.duration), 0);
  return undefined;
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
