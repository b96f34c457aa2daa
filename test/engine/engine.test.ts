// The engine against servers whose behaviour is known, asserting what arithmetic predicts: the exact count an open
// model sends, the throughput of closed users against a fixed delay (Little's law), latency counted from the
// scheduled send through a stall (no coordinated omission), arrivals over the cap dropped and counted, the graceful
// stop, an abort on a failed threshold, segments on two worker threads, and a target that refuses connections.

import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_METRICS as M } from '../../vocabulary/metrics/engine.ts';
import type { LoadPlan } from '../../engine/plan.ts';
import { runPlan, type RunPlanOptions } from '../../engine/runPlan.ts';
import { knownServer, refusingUrl, type KnownServer } from './fixtures/knownServer.ts';

const JOURNEY = fileURLToPath(new URL('./fixtures/numberedJourney.ts', import.meta.url));
let server: KnownServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const plan = (executor: LoadPlan['executor'], extra: Partial<LoadPlan> = {}): LoadPlan => ({ executor, gracefulStopSeconds: 5, thresholds: {}, ...extra });
const run = (p: LoadPlan, url: string, more: Partial<RunPlanOptions> = {}) =>
  runPlan({ plan: p, journeyModule: JOURNEY, journeyOptions: { url }, workers: 0, ...more });

describe('the engine against known servers', () => {
  it('an open model of 100/s for 2 s sends exactly 200 journeys, numbered 0..199', async () => {
    server = await knownServer();
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 100, seconds: 2, maxInFlight: 1000 }), server.url);
    expect(server.received).toHaveLength(200);
    expect([...server.received].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, k) => k));
    expect(result.totals.aggregate(M.requests)!.stat('count')).toBe(200);
    expect(result.totals.aggregate(M.checks)!.stat('rate')).toBe(1);
    expect(result.exitReason).toBe('completed');
  });

  it("closed users against a fixed 50 ms delay: Little's law holds (users = throughput × latency), no request beats the delay", async () => {
    server = await knownServer({ delayMs: 50 });
    const result = await run(plan({ executor: 'constant-vus', users: 10, seconds: 2 }), server.url);
    const requests = result.totals.aggregate(M.requests)!.stat('count')!;
    const duration = result.totals.aggregate(M.requestDuration)!;
    // No request is faster than the delay, so 10 users make at most 10 / 0.05 s = 200 a second: 400 in 2 s.
    // (The server's 50 ms is a Node timer, counted from its event loop's cached time: it may end up to 1 ms early;
    // 49.83 ms seen once.)
    expect(duration.stat('min')).toBeGreaterThanOrEqual(49);
    expect(requests).toBeLessThanOrEqual(410);
    // N = X · R: the users kept busy equal the throughput times the mean latency, however busy the machine is.
    const seconds = (result.endedAtMs - result.startedAtMs) / 1000;
    const busyUsers = (requests / seconds) * (duration.stat('avg')! / 1000);
    expect(busyUsers).toBeGreaterThan(8);
    expect(busyUsers).toBeLessThanOrEqual(10.05);
  });

  it('a 1 s stall is measured from each scheduled send: p95 ≈ 800 ms, max ≈ 1000 ms, nothing sent late or skipped', async () => {
    server = await knownServer({ stall: { from: 1000, until: 2000 } });
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 50, seconds: 4, maxInFlight: 1000 }), server.url);
    expect(server.received).toHaveLength(200);
    // A quarter of the requests arrive during the stall, their latencies spread evenly over (0, 1000] ms: the share
    // above x is 0.25 (1000 − x) / 1000, so the p95 is 800 ms. A closed model would have recorded one slow request.
    const duration = result.totals.aggregate(M.requestDuration)!;
    expect(duration.stat('max')).toBeGreaterThan(950);
    expect(duration.stat('p(95)')).toBeGreaterThan(700);
    expect(duration.stat('p(95)')).toBeLessThan(900);
    expect(result.totals.aggregate(M.journeysDropped)?.stat('count') ?? 0).toBe(0);
  });

  it('arrivals over the cap on journeys in flight are dropped and counted: started + dropped = planned', async () => {
    server = await knownServer({ delayMs: 200 });
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 100, seconds: 2, maxInFlight: 5 }), server.url);
    const started = result.totals.aggregate(M.journeys)!.stat('count')!;
    const dropped = result.totals.aggregate(M.journeysDropped)!.stat('count')!;
    expect(started + dropped).toBe(200);
    // 5 slots each free every 200 ms serve about 25 journeys a second: about 50 of the 200 start.
    expect(started).toBeGreaterThanOrEqual(45);
    expect(started).toBeLessThanOrEqual(60);
    expect(result.totals.aggregate(M.activeUsers)!.max).toBeLessThanOrEqual(5);
  });

  it('journeys still running after the graceful stop are cut off and counted as interrupted', async () => {
    server = await knownServer({ delayMs: 3000 });
    const began = Date.now();
    const result = await run(plan({ executor: 'constant-vus', users: 2, seconds: 0.5 }, { gracefulStopSeconds: 0.5 }), server.url);
    expect(Date.now() - began).toBeLessThan(2500);
    expect(result.totals.aggregate(M.journeysInterrupted)!.stat('count')).toBe(2);
    // The requests the cut-off ended are not measurements of the target.
    expect(result.totals.aggregate(M.requests)?.stat('count') ?? 0).toBe(0);
  });

  it('a threshold set to abort stops the test once crossed, after its delay', async () => {
    server = await knownServer({ status: 500 });
    const thresholds = { [M.requestFailed]: [{ expression: 'rate<=0.01', abortOnFail: true, abortAfterSeconds: 1 }] };
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 50, seconds: 20, maxInFlight: 100 }, { thresholds }), server.url);
    expect(result.exitReason).toBe('threshold');
    expect(result.abortedBy?.metric).toBe(M.requestFailed);
    expect((result.endedAtMs - result.startedAtMs) / 1000).toBeLessThan(6);
    expect(result.thresholds[0]!.ok).toBe(false);
  });

  it('two worker threads run disjoint segments that add up to the whole test', async () => {
    server = await knownServer();
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 100, seconds: 2, maxInFlight: 1000 }), server.url, { workers: 2 });
    expect(result.workers).toBe(2);
    expect([...server.received].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, k) => k));
    expect(result.totals.aggregate(M.requests)!.stat('count')).toBe(200);
  });

  it('shared iterations: every iteration once, across the users, then the test ends', async () => {
    server = await knownServer({ delayMs: 5 });
    const result = await run(plan({ executor: 'shared-iterations', users: 4, iterations: 30, maxSeconds: 30 }), server.url, { workers: 2 });
    expect([...server.received].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, k) => k));
    expect((result.endedAtMs - result.startedAtMs) / 1000).toBeLessThan(5);
  });

  it('a target that refuses connections is a finding: every request failed, counted, no crash', async () => {
    const url = await refusingUrl();
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 20, seconds: 1, maxInFlight: 100 }), url, { workers: 0 });
    const failed = result.totals.aggregate(M.requestFailed)!;
    expect(failed.stat('count')).toBe(20);
    expect(failed.stat('rate')).toBe(1);
    expect(result.totals.aggregate(M.requests, { status: '0' })!.stat('count')).toBe(20);
  });

  it('a journey that throws is counted as a journey error with its message; the others run', async () => {
    server = await knownServer();
    const result = await runPlan({
      plan: plan({ executor: 'constant-arrival-rate', rate: 20, seconds: 1, maxInFlight: 100 }),
      journeyModule: JOURNEY,
      journeyOptions: { url: server.url, throwOn: 3 },
      workers: 0,
    });
    expect(result.totals.aggregate(M.journeyErrors)!.stat('count')).toBe(1);
    expect(result.journeyErrors).toEqual(['journey 3 has a bug']);
    expect(server.received).toHaveLength(19);
  });

  it('per-second rows add up to the totals', async () => {
    server = await knownServer();
    let fromRows = 0;
    const result = await run(plan({ executor: 'constant-arrival-rate', rate: 40, seconds: 2.5, maxInFlight: 100 }), server.url, {
      onSecond: (row) => (fromRows += row.series.filter((s) => s.name === M.requests).reduce((sum, s) => sum + s.sum, 0)),
    });
    expect(fromRows).toBe(100);
    expect(result.totals.aggregate(M.requests)!.stat('count')).toBe(100);
  });

  it('an unreadable plan is refused before anything starts', async () => {
    await expect(
      runPlan({ plan: plan({ executor: 'constant-arrival-rate', rate: 0, seconds: 1, maxInFlight: 1 }), journeyModule: JOURNEY, workers: 0 }),
    ).rejects.toThrow(/rate must be a number > 0/);
    await expect(
      runPlan({ plan: plan({ executor: 'constant-vus', users: 1, seconds: 1 }), journeyModule: '/nonexistent/journey.ts', workers: 0 }),
    ).rejects.toThrow(/journey module \/nonexistent\/journey\.ts/);
  });
});
