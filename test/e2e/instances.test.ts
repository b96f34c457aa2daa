// One load test split across k6 instances by the real CLI: the same brief `load` run with --instances 1 and 3
// makes the same journeys (within k6's segment rounding), no applicant is in two instances' ledgers, the instances
// start together, and the aggregate p95 is the p95 of the merged distributions.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeSamples, percentileSorted } from '../../analysis/distribution.ts';
import { mergeTrends, trendStat } from '../../analysis/trendHistogram.ts';
import { forEachGzipLine } from '../../scripts/analysis/gzipLines.ts';
import { readTrendHistograms } from '../../scripts/analysis/trendHistograms.ts';
import { instanceDir, runFile } from '../../scripts/runFiles.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-instances-'));

interface Summary {
  aggregate?: { instances: number };
  metrics: Record<string, { values: Record<string, number> }>;
}

async function briefLoad(instances: number): Promise<{ runDir: string; code: number | null; output: string; summary: Summary }> {
  const args = ['run', 'load', '--scale', '0.001', '--duration', '6s', '--seed', '7', '--prometheus', 'off', '--results', resultsDir, '--instances', String(instances)];
  const result = await runHarness(args, { timeoutMs: 120_000 });
  const output = result.stdout.split('\n').filter((l) => !/k6 \d* ?│/.test(l)).join('\n') + result.stderr;
  const runId = /· run (\S+)/.exec(result.stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${output}`);
  const runDir = join(resultsDir, runId);
  // One instance is the harness's own engine (load-summary.json); a split run is k6's (k6-summary.json, aggregated).
  const summaryFile = existsSync(runFile(runDir, 'loadSummary')) ? runFile(runDir, 'loadSummary') : runFile(runDir, 'k6Summary');
  return { runDir, code: result.code, output, summary: JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary };
}

const ndjson = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
/** Journeys the run started or dropped: the engine's journeys and journeys_dropped, k6's iterations and dropped_iterations. */
const arrivals = (s: Summary) =>
  (s.metrics.journeys?.values.count ?? s.metrics.iterations?.values.count ?? 0) + (s.metrics.journeys_dropped?.values.count ?? s.metrics.dropped_iterations?.values.count ?? 0);

/** Every http_req_duration sample of a samples file, with the first sample time and the tags seen. */
async function rawDurations(file: string): Promise<{ durations: number[]; first: number; tags: Set<string> }> {
  const durations: number[] = [];
  let first = Number.POSITIVE_INFINITY;
  const tags = new Set<string>();
  await forEachGzipLine(file, (bytes, start, end) => {
    if (end === start) return;
    const line = JSON.parse(bytes.subarray(start, end).toString()) as { type: string; metric: string; data: { time: string; value: number; tags?: Record<string, string> } };
    if (line.type !== 'Point') return;
    first = Math.min(first, Date.parse(line.data.time));
    if (line.metric !== 'http_req_duration') return;
    durations.push(line.data.value);
    tags.add(`instance=${line.data.tags?.instance}`).add(`testid=${line.data.tags?.testid ? 'set' : 'unset'}`);
  });
  return { durations, first, tags };
}

describe('harness run load --instances', () => {
  it('1 and 3 instances: the same journeys, disjoint ledgers, started together, p95 from merged distributions', async () => {
    const one = await briefLoad(1);
    expect(one.code, one.output).toBe(0);
    expect(existsSync(join(one.runDir, 'instances')), 'one instance runs as before, with no instances/ folder').toBe(false);
    expect(one.summary.aggregate).toBeUndefined();

    const three = await briefLoad(3);
    expect(three.code, three.output).toBe(0);
    expect(three.summary.aggregate?.instances).toBe(3);
    // k6 divides the arrivals between segments by striping: the total is the engine's single run's, give or take rounding.
    expect(arrivals(one.summary)).toBeGreaterThan(20);
    expect(Math.abs(arrivals(three.summary) - arrivals(one.summary))).toBeLessThanOrEqual(3);

    const dirs = [0, 1, 2].map((i) => instanceDir(three.runDir, i));
    const ledgers = dirs.map((dir) => ndjson(runFile(dir, 'ledger')).map((e) => String(e.householdId)));
    const slices = dirs.map((dir) => new Set(ndjson(runFile(dir, 'applicants')).map((h) => String(h.id))));
    ledgers.forEach((ledger, i) => {
      expect(ledger.length, `instance ${i} enrolled someone`).toBeGreaterThan(0);
      expect(ledger.every((id) => slices[i]!.has(id)), `instance ${i} used only its own slice`).toBe(true);
    });
    const all = ledgers.flat();
    expect(new Set(all).size, 'no applicant in two ledgers').toBe(all.length);
    expect(ndjson(runFile(three.runDir, 'ledger')).length, 'the merged ledger holds every instance\'s').toBe(all.length);

    const raw = await Promise.all(dirs.map((dir) => rawDurations(runFile(dir, 'k6Samples'))));
    raw.forEach((r, i) => expect([...r.tags].sort()).toEqual([`instance=${i}`, 'testid=set']));
    const firsts = raw.map((r) => r.first);
    expect(Math.max(...firsts) - Math.min(...firsts), 'resumed together').toBeLessThan(1_000);

    // The aggregate p95 is the merged histograms' p95, and within their precision (0.1 %) one of the samples pooled at
    // the 95th rank: a brief run's tail is sparse, so the neighbouring samples may lie a few per cent apart, and an
    // interpolated percentile of them is no closer a reference than either.
    const p95 = three.summary.metrics.http_req_duration!.values['p(95)']!;
    const histograms = await Promise.all(dirs.map((dir) => readTrendHistograms(runFile(dir, 'k6Samples'), ['http_req_duration'])));
    expect(p95).toBe(trendStat(mergeTrends(histograms.map((h) => h.get('http_req_duration')!)), 'p(95)'));
    const pooled = mergeSamples(raw.map((r) => r.durations));
    const rank = 0.95 * (pooled.length - 1);
    expect(p95).toBeGreaterThanOrEqual(pooled[Math.max(0, Math.floor(rank) - 1)]! * 0.999);
    expect(p95).toBeLessThanOrEqual(pooled[Math.min(pooled.length - 1, Math.ceil(rank) + 1)]! * 1.001);
    expect(Math.abs(p95 - percentileSorted(pooled, 0.95)) / percentileSorted(pooled, 0.95)).toBeLessThan(0.05);
    expect(three.summary.metrics.http_req_duration!.values.count).toBe(raw.reduce((n, r) => n + r.durations.length, 0));
  }, 240_000);
});
