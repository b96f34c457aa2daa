// Benchmark: wall time of each phase of a smoke run (generate, start services, load, drain, stop, reconcile, report).

import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runProfile } from '../scripts/run/pipeline.ts';
import { profileNamed } from '../scripts/run/profiles/index.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../scripts/targets/load.ts';
import type { Figures } from './figures.ts';

export async function benchSmokePhases(): Promise<Figures> {
  const resultsDir = mkdtempSync(join(tmpdir(), 'harness-bench-'));
  try {
    const { phases, verdict } = await runProfile({
      profile: profileNamed('smoke'),
      targets: loadTargets(),
      targetsFile: DEFAULT_TARGETS_FILE,
      resultsDir,
      seed: 1,
      scale: 1,
      planYear: 2026,
      faults: '',
      say: () => {},
    });
    const figures: Figures = {};
    for (const [phase, ms] of Object.entries(phases)) figures[`smoke run: ${phase}`] = { value: ms, unit: 'ms' };
    figures['smoke run: share of time in the load'] = { value: Math.round((phases.load! / phases.total!) * 1000) / 1000, unit: 'ratio' };
    figures['smoke run: verdict pass'] = { value: verdict.pass ? 1 : 0, unit: 'bool' };
    return figures;
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}
