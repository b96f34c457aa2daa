// Benchmark: enrollments per hour end to end — k6 consumers → exchange → 834 → insurer → reconciled — on this machine,
// with k6, the exchange and the insurer sharing its two cores. Goal (issue #5): ≥ 1,000,000 an hour for ≥ 2 minutes
// with zero integrity defects.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProfile } from '../scripts/run/pipeline.ts';
import { profileNamed } from '../scripts/run/profiles/index.ts';
import { runFile } from '../scripts/runFiles.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../scripts/targets/load.ts';
import type { Figures } from './figures.ts';

export async function benchEndToEnd(applicants = 24_000): Promise<Figures> {
  const resultsDir = mkdtempSync(join(tmpdir(), 'harness-bench-e2e-'));
  try {
    const smoke = profileNamed('smoke');
    const targets = loadTargets();
    const { runDir, verdict, phases } = await runProfile({
      profile: smoke,
      targets,
      targetsFile: DEFAULT_TARGETS_FILE,
      resultsDir,
      seed: 1,
      scale: applicants / smoke.plan({ targets, scale: 1 }).applicants,
      planYear: 2026,
      faults: '',
      say: () => {},
    });
    const confirmedAt = readFileSync(runFile(runDir, 'ledger'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => Date.parse((JSON.parse(line) as { confirmedAt: string }).confirmedAt))
      .sort((a, b) => a - b);
    const seconds = (confirmedAt.at(-1)! - confirmedAt[0]!) / 1000;
    const reconciliation = JSON.parse(readFileSync(runFile(runDir, 'reconciliation'), 'utf8')) as { enrollments: { intact: number }; classes: Record<string, number> };
    const defects = Object.values(reconciliation.classes).reduce((a, b) => a + b, 0);
    const perHour = Math.round((confirmedAt.length / seconds) * 3600);
    return {
      'end to end: enrollments confirmed': { value: confirmedAt.length, unit: 'enrollments' },
      'end to end: sustained for': { value: Math.round(seconds), unit: 's' },
      'end to end: enrollments per hour': { value: perHour, unit: 'enrollments/h' },
      'end to end: ratio to the 1,000,000/h goal': { value: Math.round((perHour / 1_000_000) * 1000) / 1000, unit: 'ratio' },
      'end to end: received intact by the insurer': { value: reconciliation.enrollments.intact, unit: 'enrollments' },
      'end to end: integrity defects': { value: defects, unit: 'defects' },
      'end to end: outbox drain after the load': { value: phases['drain 834 outbox'] ?? 0, unit: 'ms' },
      'end to end: verdict pass': { value: verdict.pass ? 1 : 0, unit: 'bool' },
    };
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}
