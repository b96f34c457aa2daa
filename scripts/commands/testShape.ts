// The options that shape one test of a profile — its targets, seed, scale, duration and coverage year — declared and
// parsed once for the commands that run or plan one (`run`, `shard`, `k8s`), so they read and fail the same way.

import type { Command } from 'commander';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import type { PlanYear } from '../../vocabulary/planYear.ts';
import { PLAN_YEARS_TEXT } from '../../vocabulary/planYear.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { parseDurationOption, parseNumberOption, parsePlanYear } from './options.ts';

export interface TestShapeFlags {
  targets: string;
  seed: string;
  scale: string;
  duration?: string;
  planYear: string;
}

export interface TestShape {
  targets: Targets;
  targetsFile: string;
  seed: number;
  scale: number;
  planYear: PlanYear;
  /** --duration: the profile spreads its stages over it; absent, the profile's own length. */
  durationSeconds?: number;
}

export function testShapeOptions(command: Command): Command {
  return command
    .option('--targets <file>', 'targets YAML file', DEFAULT_TARGETS_FILE)
    .option('--seed <n>', 'seed of the synthetic applicants (every shard of a test generates the same)', '1')
    .option('--scale <x>', 'multiplies the profile load (e.g. 0.5)', '1')
    .option('--duration <d>', 'how long the load runs (e.g. 30s, 5m, 1h): the profile spreads its stages over it')
    .option('--plan-year <year>', `coverage year whose rules apply: ${PLAN_YEARS_TEXT}`, '2026');
}

/** The flags parsed; a bad one is a UsageError naming it. */
export function testShapeOf(flags: TestShapeFlags): TestShape {
  return {
    targets: loadTargets(flags.targets),
    targetsFile: flags.targets,
    seed: parseNumberOption('--seed', flags.seed, { integer: true, min: 0 }),
    scale: parseNumberOption('--scale', flags.scale, { min: 0.0001, max: 1000 }),
    planYear: parsePlanYear(flags.planYear),
    ...(flags.duration === undefined ? {} : { durationSeconds: parseDurationOption('--duration', flags.duration) }),
  };
}
