// Benchmark: false positives of the integrity checks — a smoke run of at least 10,000 enrollments with no fault at all
// (`harness run smoke`, the default targets and delivery deadline, no Prometheus), reconciled and judged as any run:
// every defect it reports is a false one, so the figure must be 0. FAULTS_CLEAN_APPLICANTS sets the size (10,400 by
// default: about 2.6 % of households are referred to Medicaid/CHIP and never enroll, so ≥ 10,000 do).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProfile } from '../scripts/run/pipeline.ts';
import { profileNamed } from '../scripts/run/profiles/index.ts';
import { readOptionalReconciliation } from '../scripts/analysis/runInputs.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../scripts/targets/load.ts';
import { envNumber } from './envNumbers.ts';
import { type Figures, verdictFigure } from './figures.ts';

/** The issue's figure: no false positive over at least this many clean enrollments. */
export const CLEAN_ENROLLMENTS_WANTED = 10_000;
/** Long enough for the smoke load of 10,400 journeys on a busy two-core machine (315 s was seen under a load of 12). */
const MAX_SECONDS = 1_800;

export async function benchFaultsClean(): Promise<Figures> {
  const applicants = envNumber('FAULTS_CLEAN_APPLICANTS', 10_400);
  const resultsDir = mkdtempSync(join(tmpdir(), 'harness-bench-clean-'));
  try {
    const smoke = profileNamed('smoke');
    const targets = loadTargets();
    const started = Date.now();
    const { runDir, verdict, phases } = await runProfile({
      profile: smoke,
      targets,
      targetsFile: DEFAULT_TARGETS_FILE,
      resultsDir,
      seed: 1,
      scale: applicants / smoke.plan({ targets, scale: 1 }).applicants,
      durationSeconds: MAX_SECONDS,
      planYear: 2026,
      faults: '',
      prometheus: 'off',
      say: () => {},
    });
    const seconds = (Date.now() - started) / 1000;
    const reconciliation = readOptionalReconciliation(runDir);
    if (!reconciliation) throw new Error(`faults clean bench: the run wrote no reconciliation.json in ${runDir}`);
    const { confirmed, intact } = reconciliation.enrollments;
    const found = Object.entries(reconciliation.classes).filter(([, count]) => count > 0);
    const defects = found.reduce((sum, [, count]) => sum + count, 0);
    const injected = Object.values((reconciliation.injected ?? {}) as Record<string, number>).reduce((a, b) => a + b, 0);
    const loadSeconds = (phases.load ?? 0) / 1000;
    return {
      'faults clean: enrollments confirmed': {
        value: confirmed,
        unit: `enrollments, no fault (of ${applicants.toLocaleString('en-US')} applicants; ≥ ${CLEAN_ENROLLMENTS_WANTED.toLocaleString('en-US')} wanted${confirmed < CLEAN_ENROLLMENTS_WANTED ? ': FEWER' : ''})`,
      },
      'faults clean: received intact by the insurer': { value: intact, unit: 'enrollments' },
      'faults clean: defects found (false positives)': {
        value: defects,
        unit: found.length > 0 ? `defects (must be 0: ${found.map(([c, n]) => `${c} ${n}`).join(', ')})` : 'defects (must be 0)',
      },
      'faults clean: faults injected': { value: injected, unit: 'injected (must be 0)' },
      'faults clean: verdict pass': verdictFigure(verdict),
      'faults clean: run time': { value: Math.round(seconds), unit: 's (applicants, services, load, drain, reconcile, verdict)' },
      'faults clean: load time': { value: Math.round(loadSeconds), unit: 's' },
      'faults clean: enrollments a second in the load': { value: loadSeconds > 0 ? Math.round(confirmed / loadSeconds) : 0, unit: 'enrollments/s' },
    };
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}
