// Verdicts over real runs: the real CLI, the real mock exchange on loopback, the harness's engine. A CPU fault on the
// exchange lowers the capacity `harness capacity` finds; added latency makes `harness compare` say Slower. These are
// judgements of speed, so vitest.config.ts runs this file last and alone.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-verdicts-'));

// Capacity and compare read the engine's per-second rows and summary, not Prometheus: runs here go without it, which
// spares each about 6 s (Prometheus scrapes its first target only after 5 s). test/e2e/observability.test.ts runs it.
async function run(profile: string, ...args: string[]): Promise<string> {
  const result = await runHarness(['run', profile, '--results', resultsDir, '--prometheus', 'off', ...args], { timeoutMs: 150_000 });
  const runId = /· run (\S+)/.exec(result.stdout)?.[1];
  if (!runId || result.code === 2 || result.code === null)
    throw new Error(`harness run ${profile} ${args.join(' ')} failed (${result.code}):\n${result.stdout}\n${result.stderr}`);
  return join(resultsDir, runId);
}

interface CapacityJson {
  sigma: number;
  kappa: number;
  /** null when κ = 0: throughput flattens instead of peaking. */
  peakConcurrency: number | null;
  optimalConcurrency: number | null;
  maxThroughput: number;
  usersPerInstance: number;
  points: { concurrency: number }[];
}

async function capacityOf(runDir: string): Promise<CapacityJson> {
  const result = await runHarness(['capacity', '--run', runDir, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as CapacityJson;
}

describe('harness capacity --run on stress runs', () => {
  // Five-second steps (1, 2, 4, 6, 8, 12, 16 VUs): long enough for the VU gauge to hold each step for 2 s or more.
  // exchange.cpu=25ms caps the single-threaded exchange at 40 requests/s whatever the VUs.
  let healthy: CapacityJson;
  let faulted: CapacityJson;
  beforeAll(async () => {
    healthy = await capacityOf(await run('stress', '--scale', '0.5', '--duration', '35s'));
    faulted = await capacityOf(await run('stress', '--scale', '0.5', '--duration', '35s', '--faults', 'exchange.cpu=25ms'));
    process.stdout.write(
      `capacity healthy: N* ${healthy.peakConcurrency}, Nopt ${healthy.optimalConcurrency}, X(N*) ${healthy.maxThroughput}/s, ${healthy.usersPerInstance} users/instance; ` +
        `exchange.cpu=25ms: N* ${faulted.peakConcurrency}, Nopt ${faulted.optimalConcurrency}, X(N*) ${faulted.maxThroughput}/s, ${faulted.usersPerInstance} users/instance\n`,
    );
  }, 300_000);

  it('fits the USL to several load levels of each run', () => {
    expect(healthy.points.length).toBeGreaterThanOrEqual(4);
    expect(faulted.points.length).toBeGreaterThanOrEqual(4);
  });

  it('finds the CPU cap and a lower peak throughput and fewer users per instance when the exchange burns CPU', () => {
    // N* is reported but not compared: on two cores shared with the engine, the healthy exchange also flattens within a
    // few VUs, where N* (or Nopt) is poorly determined; the throughput it reaches and the users it holds are not.
    // 25 ms of CPU per request on one thread allows at most 40 requests a second; the USL's modelled peak overshoots
    // the measured points by up to a fifth (at 10 ms: 93 to 117 seen against 100), hence 60. The healthy run's own
    // peak depends on how busy the machine is (76 to 1,224 a second seen while other test files ran beside it), so it
    // is only compared.
    expect(faulted.maxThroughput).toBeLessThanOrEqual(60);
    expect(faulted.maxThroughput).toBeLessThan(healthy.maxThroughput);
    expect(faulted.usersPerInstance).toBeLessThan(healthy.usersPerInstance);
  });
});

describe('harness compare on sets of smoke runs', () => {
  const baseline: string[] = [];
  const sameBuild: string[] = [];
  const slower: string[] = [];
  beforeAll(async () => {
    // Smoke at scale 2: 40 journeys on 4 VUs, 280 requests a run, 840 a side: enough for the overall p95 (200 or
    // more); the per-request rows have fewer and are shown, not judged. Three runs a side, as the bootstrap resamples
    // runs as well as requests and two runs show little of how much runs differ.
    // Interleaved (A B C A B C), so a machine that gets busier or quieter meanwhile weighs on every set alike.
    for (let i = 0; i < 3; i++) {
      baseline.push(await run('smoke', '--scale', '2'));
      sameBuild.push(await run('smoke', '--scale', '2'));
      slower.push(await run('smoke', '--scale', '2', '--faults', 'exchange.latency=150ms'));
    }
  }, 450_000);

  it('says Same for two sets of runs of the same build, exit 0', async () => {
    const table = await runHarness(['compare', '--baseline', ...baseline, '--candidate', ...sameBuild]);
    process.stdout.write(`${table.stdout}\n`);
    expect(table.code, table.stdout + table.stderr).toBe(0);
    const result = await runHarness(['compare', '--baseline', ...baseline, '--candidate', ...sameBuild, '--json']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const comparison = JSON.parse(result.stdout) as { verdict: string; metrics: { key: string; change: string }[] };
    expect(comparison.metrics.filter((m) => m.change !== 'same')).toEqual([]);
    expect(comparison.verdict).toBe('same');
  });

  it('says Slower and exits 1 when the candidate runs with added latency', async () => {
    const result = await runHarness(['compare', '--baseline', ...baseline, '--candidate', ...slower]);
    process.stdout.write(`${result.stdout}\n`);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/SLOWER\s+http_req_duration p95\s/);
    expect(result.stdout).toContain('VERDICT: SLOWER');
    expect(result.stderr).toMatch(/regression beyond the 10 % minimum effect: .*http_req_duration p95/);
  });
});
