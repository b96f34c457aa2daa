// One load test split into shards by the real CLI: the same brief `load` run with --shards 1 and 3 plans exactly
// the same arrivals (segments are exact), no applicant is in two shards' ledgers, the shards start together, and the
// merged p95 is the p95 of the shards' merged distributions, not an average of theirs.

import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { runFile } from '../../vocabulary/runFiles.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-shards-'));

interface Summary {
  metrics: Record<string, { values: Record<string, number>; histogram?: string }>;
  shards?: { of: number; merged: number[]; missing: number[] };
}

async function briefLoad(instances: number): Promise<{ runDir: string; code: number | null; output: string; summary: Summary }> {
  const args = [
    'run',
    'load',
    '--scale',
    '0.0005',
    '--duration',
    '6s',
    '--seed',
    '7',
    '--prometheus',
    'off',
    '--results',
    resultsDir,
    '--shards',
    String(instances),
  ];
  const result = await runHarness(args, { timeoutMs: 150_000 });
  const output = result.stdout + result.stderr;
  const runId = /· run (\S+)/.exec(result.stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${output}`);
  const runDir = join(resultsDir, runId);
  return { runDir, code: result.code, output, summary: JSON.parse(readFileSync(runFile(runDir, 'loadSummary'), 'utf8')) as Summary };
}

const ndjson = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
function expectIntact(runDir: string): void {
  const reconciliation = JSON.parse(readFileSync(runFile(runDir, 'reconciliation'), 'utf8')) as {
    enrollments: { confirmed: number; intact: number };
    classes: Record<string, number>;
  };
  expect(reconciliation.enrollments.confirmed).toBeGreaterThan(0);
  expect(reconciliation.enrollments.intact).toBe(reconciliation.enrollments.confirmed);
  expect(Object.values(reconciliation.classes).every((n) => n === 0)).toBe(true);
}

const arrivals = (s: Summary) => (s.metrics.journeys?.values.count ?? 0) + (s.metrics.journeys_dropped?.values.count ?? 0);

describe('harness run load --shards', () => {
  it('1 and 3 shards: the same arrivals, disjoint ledgers, started together, p95 from merged distributions', async () => {
    const one = await briefLoad(1);
    // What is tested is the split, not the exchange's speed: a busy machine may miss the latency SLO (exit 1), but
    // nothing may be refused (2) and every confirmation must reach the insurer intact.
    expect([0, 1], one.output).toContain(one.code);
    expectIntact(one.runDir);
    expect(existsSync(join(one.runDir, 'shards')), 'one shard runs in the harness process, with no shards/ folder').toBe(false);

    const three = await briefLoad(3);
    expect([0, 1], three.output).toContain(three.code);
    expectIntact(three.runDir);
    expect(three.summary.shards).toEqual({ of: 3, merged: [0, 1, 2], missing: [] });
    // Segment i of n takes arrivals k ≡ i (mod n): together exactly the single run's.
    expect(arrivals(one.summary)).toBeGreaterThan(20);
    expect(arrivals(three.summary)).toBe(arrivals(one.summary));

    const dirs = [0, 1, 2].map((i) => join(three.runDir, 'shards', String(i)));
    const merged = ndjson(runFile(three.runDir, 'ledger')).map((e) => String(e.householdId));
    expect(merged.length, 'every shard enrolled someone').toBeGreaterThan(3);
    expect(new Set(merged).size, 'no applicant in two ledgers').toBe(merged.length);
    const applicants = ndjson(runFile(three.runDir, 'applicants')).map((h) => String(h.id));
    // Journey k takes applicant k, and shard i only journeys k ≡ i (mod 3).
    for (const [i, dir] of dirs.entries()) {
      const parts = readdirSync(join(dir, 'ledgers')).flatMap((name) => ndjson(join(dir, 'ledgers', name)));
      expect(parts.length, `shard ${i} enrolled someone`).toBeGreaterThan(0);
      for (const entry of parts) expect(applicants.indexOf(String(entry.householdId)) % 3, `shard ${i} used only its own applicants`).toBe(i);
    }

    const records = dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'shard.json'), 'utf8')) as { startedAt: string; index: number });
    const starts = records.map((r) => Date.parse(r.startedAt));
    expect(Math.max(...starts) - Math.min(...starts), 'started together').toBeLessThan(50);

    // The merged p95 is the p95 of the three shards' histograms added bucket by bucket.
    const shardSummaries = dirs.map((dir) => JSON.parse(readFileSync(runFile(dir, 'loadSummary'), 'utf8')) as Summary);
    const pooled = hdr.build({ numberOfSignificantValueDigits: 3, useWebAssembly: false });
    for (const s of shardSummaries) pooled.add(hdr.decodeFromCompressedBase64(s.metrics.http_req_duration!.histogram!, 32, false));
    const p95 = three.summary.metrics.http_req_duration!.values['p(95)']!;
    expect(Math.abs(p95 - Math.min(pooled.getValueAtPercentile(95) / 1000, three.summary.metrics.http_req_duration!.values.max!))).toBeLessThan(1e-9);
    expect(three.summary.metrics.http_req_duration!.values.count).toBe(shardSummaries.reduce((n, s) => n + s.metrics.http_req_duration!.values.count!, 0));

    // harness collect merges the same folders as the run did (what a cluster's shards are given to): the same figures.
    const out = join(resultsDir, 'collected');
    const collected = await runHarness(['collect', '--from', ...dirs, '--out', out]);
    expect([0, 1], collected.stdout + collected.stderr).toContain(collected.code);
    const summary = JSON.parse(readFileSync(runFile(out, 'loadSummary'), 'utf8')) as Summary;
    for (const stat of ['count', 'p(95)', 'max'])
      expect(summary.metrics.http_req_duration!.values[stat]).toBe(three.summary.metrics.http_req_duration!.values[stat]);
    expect(summary.metrics.http_reqs!.values.count).toBe(three.summary.metrics.http_reqs!.values.count);
    expect(ndjson(runFile(out, 'ledger')).length).toBe(merged.length);
    const missing = await runHarness(['collect', '--from', dirs[0]!, dirs[2]!, '--out', join(resultsDir, 'partial')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Shard\(s\) 1 missing/);
  }, 300_000);
});
