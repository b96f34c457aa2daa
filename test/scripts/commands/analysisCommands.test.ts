// gate, compare, capacity and soak on good and bad input, through the CLI's own main() in this process (the e2e tests
// spawn it): answers on stdout, and for missing or malformed inputs a message naming the file (and line) with exit 2.

import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticSeconds } from '../../../bench/syntheticSeconds.ts';
import { cliInProcess as runHarness } from './cliInProcess.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-analysis-commands-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const folder = (name: string, files: Record<string, string | Buffer> = {}): string => {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [fileName, content] of Object.entries(files)) writeFileSync(join(path, fileName), content);
  return path;
};

describe('harness capacity --points', () => {
  const specsdm91 = file('specsdm91.csv', 'concurrency,throughput\n1,64.9\n18,995.9\n36,1652.4\n72,1853.2\n108,1828.9\n144,1775.0\n216,1702.2\n');

  it('prints the fit and the plan as JSON', async () => {
    const result = await runHarness(['capacity', '--points', specsdm91, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown> & { plans: { users: number; instancesNeeded: number }[] };
    expect(json.sigma).toBeCloseTo(0.0277285, 6);
    expect(json.kappa).toBeCloseTo(0.0001044, 7);
    expect(json.lambda).toBeCloseTo(89.995233, 3);
    expect(json.peakConcurrency).toBeCloseTo(96.5, 1);
    expect(json.maxThroughput).toBeCloseTo(1883.9, 1);
    expect(json.plans.map((p) => p.users)).toEqual([50_000, 250_000]);
    expect(json.usersPerInstance).toEqual(expect.any(Number));
  });

  it('prints a table for people', async () => {
    const result = await runHarness(['capacity', '--points', specsdm91]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/USL fit: σ 0\.02773\s+κ 0\.0001044/);
    expect(result.stdout).toMatch(/peak: N\* 96\.5/);
    expect(result.stdout).toMatch(/250,000 users: \d+ instances needed/);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.csv'), /--points .*nope\.csv: expected a readable CSV file\. Check the path \(ENOENT\)/],
    [
      'a bad header',
      () => file('header.csv', 'users,rate\n1,2\n'),
      /--points .*header\.csv: expected a CSV with the header `concurrency,throughput`.*line 1: the header "users,rate" has no concurrency column/,
    ],
    [
      'a non-numeric row',
      () => file('row.csv', 'concurrency,throughput\n1,10\n2,lots\n4,35\n'),
      /--points .*row\.csv: .*line 3: throughput "lots" is not a number/,
    ],
    [
      'too few load levels',
      () => file('two.csv', 'concurrency,throughput\n1,10\n2,19\n'),
      /--points .*two\.csv: expected load points the USL can be fitted to.*3 or more different concurrencies, got 2/,
    ],
  ])('exits 2 on %s, naming the file and the line', async (_, path, message) => {
    const result = await runHarness(['capacity', '--points', path()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('prints no plan from three near-identical load levels, and says why in the JSON', async () => {
    const near = file('near.csv', 'concurrency,throughput\n10,400\n11,380\n12,410\n');
    const table = await runHarness(['capacity', '--points', near]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/no plan: not enough distinct load levels — the points span concurrency 10 to 12 \(1\.2×\)/);
    expect(table.stdout).not.toMatch(/instances needed/);
    const result = await runHarness(['capacity', '--points', near, '--json']);
    const json = JSON.parse(result.stdout) as { plan: Record<string, unknown>; plans: unknown[] };
    expect(json.plan).toMatchObject({ made: false, reason: 'not enough distinct load levels', concurrencySpan: 1.2, minConcurrencySpan: 4 });
    expect(json.plans).toEqual([]);
  });

  it('exits 2 unless exactly one of --points and --run is given', async () => {
    expect((await runHarness(['capacity'])).stderr).toMatch(/--points \/ --run: expected exactly one of them/);
    const both = await runHarness(['capacity', '--points', specsdm91, '--run', dir]);
    expect(both.code).toBe(2);
  });
});

describe('analysis commands on missing or malformed run folders', () => {
  let soakRun: string;
  beforeAll(async () => {
    // Ten minutes of a synthetic run whose latency doubles: drifting. Written as the engine writes it.
    soakRun = folder('soak-drifting');
    await writeSyntheticSeconds(join(soakRun, 'load-seconds.ndjson'), {
      startMs: Date.parse('2026-11-01T00:00:00Z'),
      seconds: 600,
      vus: () => 10,
      requestsPerSecond: () => 20,
      medianMs: (t) => 10 * (1 + t / 600),
    });
  });
  const empty = (): string => folder('empty');
  const badJson = (): string => folder('bad-json', { 'load-seconds.ndjson': '{"second":1,"series":[]}\nnot json at all\n', 'run.json': '{' });
  const notRows = (): string =>
    folder('not-rows', { 'load-seconds.ndjson': '{"metric":"vus","type":"Point","data":{"time":"2026-11-01T00:00:00Z","value":1}}\n' });
  const noRows = (): string => folder('no-rows', { 'load-seconds.ndjson': '\n' });
  /** A run folder from before the engine: a summary and samples of another load generator, none of the engine's files. */
  const beforeTheEngine = (): string =>
    folder('before-the-engine', {
      'run.json': JSON.stringify({ runId: 'r0', profile: 'smoke', count: 2, intendedEnrollments: 2, loadExitCode: 0 }),
      'other-summary.json': JSON.stringify({ metrics: {} }),
      'other-samples.json.gz': 'old samples',
    });

  it.each([
    ['gate', (d: string) => ['gate', '--run', d], empty, /run\.json: expected the run's parameters .* It could not be read \(ENOENT\)/],
    ['gate', (d: string) => ['gate', '--run', d], badJson, /run\.json: expected the run's parameters .* in valid JSON/],
    [
      'gate',
      (d: string) => ['gate', '--run', d],
      () => folder('no-fields', { 'run.json': '{"runId": 5}' }),
      /run\.json: expected the run's parameters written by `harness run`\. Fix: runId: expected a string; profile: expected a string; count/,
    ],
    [
      'gate',
      (d: string) => ['gate', '--run', d],
      beforeTheEngine,
      /load-summary\.json: expected the load engine's end-of-test summary, written by `harness run` when the load ends\. .*Re-run the profile\./,
    ],
    [
      'compare',
      (d: string) => ['compare', '--baseline', d, '--candidate', d],
      empty,
      /load-seconds\.ndjson: expected the load engine's per-second measurements, written by `harness run`\. .*Re-run the profile\./,
    ],
    [
      'compare',
      (d: string) => ['compare', '--baseline', d, '--candidate', d],
      beforeTheEngine,
      /load-seconds\.ndjson: expected the load engine's per-second measurements.*Re-run the profile\./,
    ],
    [
      'compare',
      (d: string) => ['compare', '--baseline', d, '--candidate', d],
      badJson,
      /load-seconds\.ndjson:2: expected one JSON object a line \(the engine's per-second rows\)\. It is not JSON/,
    ],
    [
      'capacity',
      (d: string) => ['capacity', '--run', d],
      notRows,
      /load-seconds\.ndjson:1: expected a row with second \(a number\) and series \(a list\)\. Re-run the profile/,
    ],
    [
      'capacity',
      (d: string) => ['capacity', '--run', d],
      beforeTheEngine,
      /load-seconds\.ndjson: expected the load engine's per-second measurements.*Re-run the profile\./,
    ],
    ['soak', (d: string) => ['soak', '--run', d], badJson, /load-seconds\.ndjson:2: expected one JSON object a line/],
    [
      'soak',
      (d: string) => ['soak', '--run', d],
      noRows,
      /load-seconds\.ndjson: expected the engine's per-second rows, one JSON object a line\. It holds none/,
    ],
  ])('%s exits 2 naming the file (%#)', async (_, args, makeDir, message) => {
    const result = await runHarness(args(makeDir()));
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it.each([
    [['gate', '--run', '/nonexistent/run']],
    [['compare', '--baseline', '/nonexistent/run', '--candidate', '/nonexistent/run']],
    [['capacity', '--run', '/nonexistent/run']],
    [['soak', '--run', '/nonexistent/run']],
  ])('%j exits 2 naming the missing folder', async (args) => {
    const result = await runHarness(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\/nonexistent\/run: expected an existing run folder/);
  });

  it('capacity --run on a run that is not a step load: exit 2, says to run stress', async () => {
    const result = await runHarness(['capacity', '--run', soakRun]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/a step load holding 3 or more VU counts .* It holds 1 \(10 VUs\)\. Run `harness run stress`/);
  });

  it('soak: a run whose latency doubles is drifting, exit 1; too short a run is exit 2', async () => {
    const drifting = await runHarness(['soak', '--run', soakRun, '--json']);
    expect(drifting.code, drifting.stderr).toBe(1);
    const json = JSON.parse(drifting.stdout) as { verdict: string; series: { series: string; verdict: string; slopePerHour: number }[] };
    expect(json.verdict).toBe('drifting');
    expect(json.series[0]).toMatchObject({ series: 'http_req_duration p95 (ms)', verdict: 'drifting' });
    const short = await runHarness(['soak', '--run', soakRun, '--window', '2m']);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/expected a run long enough for 8 windows after the warm-up/);
  });

  it('soak refuses a 30 s run with exit 2, stating its warm-up and the minimum window', async () => {
    const short = folder('soak-30s');
    await writeSyntheticSeconds(join(short, 'load-seconds.ndjson'), {
      startMs: Date.parse('2026-11-01T00:00:00Z'),
      seconds: 30,
      vus: () => 10,
      requestsPerSecond: () => 20,
      medianMs: (t) => 10 * (1 + t / 30),
    });
    const result = await runHarness(['soak', '--run', short]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(/expected a run of at least 303 s to judge drift: its 3 s warm-up plus 300 s of windows after it\. This run lasted 30 s/);
    expect(result.stdout).not.toMatch(/DRIFTING|at 8 h/);
  });

  it('compare refuses a smoke and a load run pooled with exit 2, naming them; --allow-mixed compares and says what differs', async () => {
    const smoke = folder('compare-smoke', { 'run.json': JSON.stringify({ runId: 's1', profile: 'smoke', scale: 1, seed: 1 }) });
    const smoke2 = folder('compare-smoke-2', { 'run.json': JSON.stringify({ runId: 's2', profile: 'smoke', scale: 1, seed: 2 }) });
    const load = folder('compare-load', { 'run.json': JSON.stringify({ runId: 'l1', profile: 'load', scale: 1, seed: 1, durationSeconds: 30 }) });
    for (const d of [smoke, smoke2, load]) copyFileSync(join(soakRun, 'load-seconds.ndjson'), join(d, 'load-seconds.ndjson'));
    const refused = await runHarness(['compare', '--baseline', smoke, load, '--candidate', smoke2]);
    expect(refused.code, refused.stdout + refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/expected runs of one profile, scale and planned duration on both sides \(the seed may differ\)/);
    expect(refused.stderr).toContain(`profile: smoke (${smoke}, ${smoke2}) vs load (${load})`);
    expect(refused.stderr).toContain(`planned duration: unknown (${smoke}, ${smoke2}) vs 30 s (${load})`);
    expect(refused.stdout).not.toMatch(/VERDICT/);
    const mixed = await runHarness(['compare', '--baseline', smoke, load, '--candidate', smoke2, '--allow-mixed']);
    expect(mixed.code, mixed.stdout + mixed.stderr).toBe(0);
    expect(mixed.stdout).toContain(`MIXED RUNS (--allow-mixed): profile: smoke (${smoke}, ${smoke2}) vs load (${load})`);
    // The seed differs between the smoke runs, and that alone is no reason to refuse.
    expect((await runHarness(['compare', '--baseline', smoke, '--candidate', smoke2, '--json'])).code).toBe(0);
  }, 180_000); // three comparisons of a soak's rows: about 30 s alone, past 60 s on a loaded machine

  it('compare and soak refuse bad options with exit 2', async () => {
    expect((await runHarness(['compare', '--baseline', soakRun, '--candidate', soakRun, '--min-effect', '2'])).stderr).toMatch(
      /--min-effect 2: expected a number ≥ 0\.001 and ≤ 0\.999/,
    );
    expect((await runHarness(['soak', '--run', soakRun, '--window', 'soon'])).stderr).toMatch(/--window soon: expected a positive duration/);
  });

  it('gate re-judges a copied run folder and writes junit.xml', async () => {
    const run = folder('gate-ok', {
      'run.json': JSON.stringify({ runId: 'r1', profile: 'smoke', count: 2, intendedEnrollments: 2, loadExitCode: 0 }),
      'load-summary.json': JSON.stringify({ metrics: {} }),
      'reconciliation.json': JSON.stringify({ enrollments: { confirmed: 2, intact: 2 }, classes: {} }),
    });
    copyFileSync(join(soakRun, 'load-seconds.ndjson'), join(run, 'load-seconds.ndjson'));
    writeFileSync(join(run, 'applicants.ndjson'), '');
    const result = await runHarness(['gate', '--run', run]);
    expect([0, 1]).toContain(result.code);
    expect(result.stdout).toMatch(/written: verdict\.json, summary\.md, junit\.xml/);
  });
});
