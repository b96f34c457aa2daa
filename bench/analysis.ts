// Benchmark: the verdicts over a one-hour soak's results — `harness gate`, `harness capacity --run` and
// `harness soak --run`, each reading the run folder itself as the commands do. Goal (issue #8): under 5 s in all.
//
// The run folder is synthetic but full size: the engine's load-seconds.ndjson with every series the engine records
// per request and per journey (bench/syntheticSeconds.ts), for a soak that ramps through 7 user steps of a minute,
// then holds 16 users for the rest of the hour at about 100 requests a second — what `harness run soak --scale 0.06
// --duration 1h` asks for (3,000 users at 30 s think time), a tenth of what the mock exchange peaks at on this
// machine: 355,000 requests in 3,600 rows. Each second's row holds a histogram per series, not a line per
// request, so the file grows with the seconds and the routes more than with the requests; the analyses expand the
// histograms back into samples, which grows with the requests. The gate reads the run's files (run.json,
// load-summary.json, reconciliation.json) and takes the PII figure from the run's verdict, as it does when the
// applicant file is gone: the PII scan is the scan's own cost (`harness bench` has none for it yet).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uslThroughput } from '../analysis/usl.ts';
import { fitAndPlan, fromRun } from '../scripts/analysis/capacityInputs.ts';
import { judgeRun } from '../scripts/analysis/gateFacts.ts';
import { readRunSamples } from '../scripts/analysis/readRunSamples.ts';
import { soakOfRun } from '../scripts/analysis/soakOfRun.ts';
import { runFile } from '../vocabulary/runFiles.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import type { Figures } from './figures.ts';
import { writeSyntheticSeconds } from './syntheticSeconds.ts';
import { runRecordJson } from '../vocabulary/runRecord.ts';
import { noDefects, reconciliationJson } from '../vocabulary/reconciliation.ts';

const GOAL_SECONDS = 5;
const RAMP = [2, 4, 8, 12, 16, 24, 32];
const HOLD_VUS = 16;
/** The exchange the synthetic load ran against: ~100 requests/s at 16 VUs. */
const EXCHANGE = { sigma: 0.02, kappa: 0.0005, lambda: 9 };

const vusAt = (t: number): number => RAMP[Math.floor(t / 60)] ?? HOLD_VUS;

async function writeSoakRun(runDir: string): Promise<{ rows: number; requests: number; bytes: number }> {
  const started = Date.parse('2026-11-01T08:00:00Z');
  const written = await writeSyntheticSeconds(runFile(runDir, 'loadSeconds'), {
    startMs: started,
    seconds: 3600,
    vus: vusAt,
    requestsPerSecond: (t) => Math.round(uslThroughput(EXCHANGE, vusAt(t))),
    // Latency grows with load and creeps up 10 % over the hour.
    medianMs: (t) => 4 * (1 + 0.02 * vusAt(t)) * (1 + (0.1 * t) / 3600),
  });
  const enrollments = written.requests / 6;
  const p95 = { 'p(95)': 14, 'p(99)': 22, avg: 7, med: 6, max: 180 };
  writeFileSync(
    runFile(runDir, 'run'),
    runRecordJson({ runId: 'bench-soak', profile: 'soak', count: 60_000, intendedEnrollments: null, seed: 1, load: 'harness engine', loadExitCode: 0 }),
  );
  writeFileSync(
    runFile(runDir, 'loadSummary'),
    JSON.stringify({
      metrics: {
        http_req_duration: { type: 'trend', values: p95, thresholds: { 'p(95)<1000': { ok: true } } },
        http_req_failed: { type: 'rate', values: { rate: 0 } },
        checks: { type: 'rate', values: { rate: 1 } },
        journeys: { type: 'counter', values: { count: enrollments } },
      },
    }),
  );
  writeFileSync(
    runFile(runDir, 'reconciliation'),
    reconciliationJson({
      enrollments: { intended: enrollments, confirmed: enrollments, received: enrollments, intact: enrollments },
      classes: noDefects(),
      garbledByField: {},
      pendingAtCutOff: { count: 0, waitedSeconds: null },
      examples: [],
    }),
  );
  writeFileSync(
    runFile(runDir, 'verdict'),
    JSON.stringify({
      profile: 'soak',
      runId: 'bench-soak',
      pass: true,
      checks: [{ name: 'synthetic PII outside its files', target: 0, actual: 0, pass: true }],
    }),
  );
  return written;
}

const seconds = (from: number): number => Math.round(performance.now() - from) / 1000;

export async function benchAnalysis(): Promise<Figures> {
  const runDir = mkdtempSync(join(tmpdir(), 'harness-bench-analysis-'));
  try {
    const written = await writeSoakRun(runDir);
    const targets = loadTargets();
    const started = performance.now();
    const { verdict } = await judgeRun(runDir, targets);
    const gateSeconds = seconds(started);
    const capacityStarted = performance.now();
    const { fit, plan } = fitAndPlan(fromRun(runDir), targets, runDir);
    const capacitySeconds = seconds(capacityStarted);
    const soakStarted = performance.now();
    const soak = soakOfRun(runDir, { minRelativeChange: 0.1 });
    const soakSeconds = seconds(soakStarted);
    const total = seconds(started);
    const readStarted = performance.now();
    readRunSamples(runDir);
    const readSeconds = seconds(readStarted);
    if (verdict.checks.length === 0 || !(fit.lambda > 0) || plan.usersPerInstance <= 0 || soak.results.length === 0)
      throw new Error('analysis bench: an analysis came back empty');
    return {
      'analysis: rows of the one-hour soak (load-seconds.ndjson)': { value: written.rows, unit: 'rows' },
      'analysis: size of its load-seconds.ndjson': { value: Math.round(written.bytes / 1e5) / 10, unit: 'MB' },
      'analysis: requests in it': { value: written.requests, unit: 'requests' },
      'analysis: gate': { value: gateSeconds, unit: 's' },
      'analysis: capacity (reads the rows, fits, plans)': { value: capacitySeconds, unit: 's' },
      'analysis: soak (reads the rows, windows, trends)': { value: soakSeconds, unit: 's' },
      'analysis: one read of load-seconds.ndjson into samples': { value: readSeconds, unit: 's' },
      'analysis: gate + capacity + soak': { value: total, unit: 's' },
      'analysis: share of the 5 s goal used': { value: Math.round((total / GOAL_SECONDS) * 1000) / 1000, unit: 'ratio' },
    };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
