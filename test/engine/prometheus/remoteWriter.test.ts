// The real thing: the engine runs a plan against a loopback server that answers after 20 ms, pushes every second to
// a real Prometheus (Debian's, started as a run starts its own: remote-write receiver and native histograms on), and
// Prometheus's query API must give back the engine's own count exactly and its median within one native bucket.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_METRICS } from '../../../vocabulary/metrics/engine.ts';
import type { LoadPlan } from '../../../engine/plan.ts';
import { ENGINE_METRIC_KINDS, ENGINE_SERIES, prometheusSeries } from '../../../vocabulary/metrics/prometheusNames.ts';
import { bucketIndex, bucketUpperBound, NATIVE_SCHEMA } from '../../../engine/prometheus/nativeHistogram.ts';
import { createRemoteWriter, type RemoteWriterStats } from '../../../engine/prometheus/remoteWriter.ts';
import { runPlan, type RunPlanResult } from '../../../engine/runPlan.ts';
import { instantQuery } from '../../../scripts/observability/promQuery.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';
import { ProcessGroup } from '../../../scripts/run/processes.ts';
import { startPrometheus, type PrometheusServer } from '../../../scripts/run/prometheusServer.ts';
import { findPrometheus } from '../../../scripts/tools/prometheus.ts';

const DELAY_MS = 20;
const PLAN: LoadPlan = { executor: { executor: 'constant-arrival-rate', rate: 40, seconds: 4, maxInFlight: 100 }, gracefulStopSeconds: 5, thresholds: {} };
/** One native bucket's width at the schema: a quantile read back lies within this factor of the true one. */
const BUCKET_FACTOR = 2 ** (1 / 2 ** NATIVE_SCHEMA);

const group = new ProcessGroup();
const dir = mkdtempSync(join(tmpdir(), 'engine-remote-write-'));
const testid = `engine-rw-${process.pid}-${Date.now()}`;
let prometheus: PrometheusServer;
let target: Server;
let result: RunPlanResult;
let pushed: RemoteWriterStats;

/** The one value of an instant query (undefined when it returns no series). */
async function value(expr: string): Promise<number | undefined> {
  const series = await instantQuery(prometheus.baseUrl, expr);
  expect(series.length, `${expr} returned ${series.length} series`).toBeLessThanOrEqual(1);
  return series[0]?.values[0]?.[1];
}

const selector = `{testid="${testid}"}`;

beforeAll(async () => {
  const binary = findPrometheus();
  if (!binary) throw new Error('Prometheus is not installed: `npm test` installs it (harness setup --prometheus), or apt-get install prometheus');
  prometheus = await startPrometheus(group, { binary, dir, configYaml: 'global:\n  scrape_interval: 15s\n', logFile: join(dir, 'prometheus.log') });
  target = createServer((_request, response) => void setTimeout(() => response.end('ok'), DELAY_MS));
  await new Promise<void>((ready) => target.listen(0, '127.0.0.1', ready));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/quote`;
  const writer = createRemoteWriter({ url: prometheus.remoteWriteUrl, testid, labels: { shard: '1' } });
  result = await runPlan({
    plan: PLAN,
    journeyModule: join(PROJECT_ROOT, 'engine', 'journeys', 'hit.ts'),
    journeyOptions: { url, method: 'GET', thinkSeconds: 0 },
    workers: 0,
    onSecond: (row, totals) => writer.push(row, totals),
  });
  pushed = await writer.flush();
}, 60_000);

afterAll(async () => {
  await new Promise((done) => target?.close(done));
  await group.stopAll(10_000);
  rmSync(dir, { recursive: true, force: true });
});

describe('engine → remote write → Prometheus 2.42', () => {
  it('delivered every second the engine pushed, with no failure', () => {
    expect(result.exitReason).toBe('completed');
    expect(pushed).toMatchObject({ failures: 0, secondsDropped: 0, secondsQueued: 0 });
    expect(pushed.secondsSent).toBe(pushed.secondsPushed);
    expect(pushed.secondsPushed).toBeGreaterThanOrEqual(PLAN.executor.executor === 'constant-arrival-rate' ? PLAN.executor.seconds : 0);
  });

  it('has the request counter equal to the engine’s count, exactly, labelled with the route, status, testid and shard', async () => {
    const count = result.totals.aggregate(ENGINE_METRICS.requests)!.stat('count')!;
    expect(count).toBeGreaterThanOrEqual(150);
    expect(await value(`sum(${ENGINE_SERIES.requests}${selector})`)).toBe(count);
    expect(await value(`${ENGINE_SERIES.requests}{testid="${testid}", shard="1", name="GET /quote", status="200"}`)).toBe(count);
    expect(await value(`sum(${ENGINE_SERIES.journeys}${selector})`)).toBe(result.totals.aggregate(ENGINE_METRICS.journeys)!.stat('count'));
    expect(await value(`sum(${ENGINE_SERIES.requestFailed.samples}${selector})`)).toBe(count);
    expect(await value(`sum(${ENGINE_SERIES.requestFailed.true}${selector})`)).toBe(0);
  });

  it('has the latency as a native histogram: count exact, sum exact, median within one native bucket of the engine’s own (20 ms and the machine’s overhead)', async () => {
    const duration = result.totals.aggregate(ENGINE_METRICS.requestDuration)!;
    expect(await value(`histogram_count(sum(${ENGINE_SERIES.requestDuration}${selector}))`)).toBe(duration.stat('count'));
    expect(await value(`histogram_sum(sum(${ENGINE_SERIES.requestDuration}${selector}))`)).toBeCloseTo(duration.sum / 1000, 9);
    const median = (await value(`histogram_quantile(0.5, sum(${ENGINE_SERIES.requestDuration}${selector}))`))!;
    // The engine's own median (HdrHistogram, within 0.1 %): 20 ms plus what the machine adds (timer slop, the engine
    // and the server sharing one thread; 1–4 ms on a busy two-core machine). Prometheus must answer from its bucket.
    const engineMedian = duration.stat('med')! / 1000;
    expect(engineMedian).toBeGreaterThanOrEqual(DELAY_MS / 1000);
    expect(median).toBeGreaterThan(bucketUpperBound(bucketIndex(engineMedian * 0.999) - 1));
    expect(median).toBeLessThanOrEqual(bucketUpperBound(bucketIndex(engineMedian * 1.001)));
    expect(median / engineMedian).toBeGreaterThan(1 / BUCKET_FACTOR);
    expect(median / engineMedian).toBeLessThan(BUCKET_FACTOR);
    // Never more than a bucket under the server's fixed delay.
    expect(median).toBeGreaterThan(DELAY_MS / 1000 / BUCKET_FACTOR);
  });

  it('has every series the engine made under the name the mapping gives, each engine metric of the kind the mapping says', async () => {
    const made = new Map(result.totals.all().map((s) => [s.name, s.kind]));
    for (const [key, name] of Object.entries(ENGINE_METRICS)) {
      if (made.has(name)) expect(made.get(name), name).toBe(ENGINE_METRIC_KINDS[key as keyof typeof ENGINE_METRICS]);
    }
    for (const [name, kind] of made) {
      for (const series of prometheusSeries(name, kind))
        expect(await value(`count({__name__="${series.name}", testid="${testid}"})`), series.name).toBeGreaterThan(0);
    }
    expect(await value(`${ENGINE_SERIES.activeUsers}${selector}`)).toBe(result.totals.aggregate(ENGINE_METRICS.activeUsers)!.stat('value'));
  });
});
