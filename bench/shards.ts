// Benchmark: total request rate of one step load split into 1, 2 and 4 local shards (--shards: engine processes
// started together, merged and judged as one), against the mock exchange. Every shard, the exchange and the insurer
// share this machine's two cores (and whatever else runs on it), so this shows what splitting costs here, not what
// more machines would give.

import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runProfile } from '../scripts/run/pipeline.ts';
import { profileNamed } from '../scripts/run/profiles/index.ts';
import { runFile } from '../vocabulary/runFiles.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../scripts/targets/load.ts';
import type { Figures } from './figures.ts';

/** stress at half scale: steps of 1, 2, 4, 6, 8, 12 and 16 closed-model VUs without think time, 3 s each. */
const SCALE = 0.5;
const DURATION_SECONDS = 21;
const INSTANCES = [1, 2, 4];
/** Rounds of 1, 2, 4 interleaved, so a change in the machine's other load falls on every count alike. */
const ROUNDS = 2;

interface Summary {
  metrics: Record<string, { values: Record<string, number> } | undefined>;
}

interface Measured {
  rate: number;
  journeysPerSecond: number;
  p95: number;
  pass: boolean;
}

async function measure(shards: number): Promise<Measured> {
  const resultsDir = mkdtempSync(join(tmpdir(), 'harness-bench-shards-'));
  try {
    const { runDir, verdict } = await runProfile({
      profile: profileNamed('stress'),
      targets: loadTargets(),
      targetsFile: DEFAULT_TARGETS_FILE,
      resultsDir,
      seed: 1,
      scale: SCALE,
      durationSeconds: DURATION_SECONDS,
      planYear: 2026,
      faults: '',
      prometheus: 'off',
      shards,
      say: () => {},
    });
    const summary = JSON.parse(readFileSync(runFile(runDir, 'loadSummary'), 'utf8')) as Summary;
    return {
      rate: summary.metrics.http_reqs?.values.rate ?? 0,
      journeysPerSecond: summary.metrics.journeys?.values.rate ?? 0,
      p95: summary.metrics.http_req_duration?.values['p(95)'] ?? NaN,
      pass: verdict.pass,
    };
  } finally {
    rmSync(resultsDir, { recursive: true, force: true });
  }
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

export async function benchShards(): Promise<Figures> {
  const figures: Figures = {
    'shards: CPU cores on this machine': { value: cpus().length, unit: 'cores' },
    'shards: load average before': { value: round(loadavg()[0]!, 2), unit: '' },
  };
  const runs = new Map<number, Measured[]>(INSTANCES.map((n) => [n, []]));
  for (let round = 0; round < ROUNDS; round++) for (const instances of INSTANCES) runs.get(instances)!.push(await measure(instances));
  const single = mean(runs.get(1)!.map((r) => r.rate));
  for (const [instances, measured] of runs) {
    const rates = measured.map((r) => r.rate);
    const label = `shards: ${instances}`;
    figures[`${label}: requests/s (total, mean of ${ROUNDS})`] = { value: Math.round(mean(rates)), unit: 'req/s' };
    figures[`${label}: requests/s (lowest, highest)`] = { value: Math.round(Math.min(...rates)), unit: `… ${Math.round(Math.max(...rates))} req/s` };
    figures[`${label}: journeys/s (total, mean of ${ROUNDS})`] = { value: round(mean(measured.map((r) => r.journeysPerSecond)), 1), unit: 'journeys/s' };
    figures[`${label}: ratio to 1 shard`] = { value: round(mean(rates) / single, 3), unit: 'ratio' };
    figures[`${label}: p95 (merged, mean)`] = { value: round(mean(measured.map((r) => r.p95)), 1), unit: 'ms' };
    figures[`${label}: verdicts passed`] = { value: measured.filter((r) => r.pass).length, unit: `of ${ROUNDS}` };
  }
  figures['shards: load average after'] = { value: round(loadavg()[0]!, 2), unit: '' };
  return figures;
}
