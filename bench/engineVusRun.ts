// The engine-vus benchmark's child process: runs the engine (runPlan, ramping-vus) with the funnel-pacing journey,
// so the memory and CPU it reports are the engine's own. Samples its RSS every second; writes one JSON line a second
// ({"event":"second",…}) and one at the end ({"event":"result",…}) on stdout for the benchmark to read.
// Usage: node --import tsx bench/engineVusRun.ts '<EngineVusRunInput as JSON>'

import { fileURLToPath } from 'node:url';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { MetricSet, type SeriesSnapshot } from '../engine/metricSet.ts';
import { runPlan } from '../engine/runPlan.ts';
import type { FunnelPacingOptions } from './funnelPacingJourney.ts';
import { runQueueWaitSeconds } from './runQueueWait.ts';

export interface EngineVusRunInput {
  journey: FunnelPacingOptions;
  rampSeconds: number;
  holdSeconds: number;
}

export interface EngineVusSecond {
  event: 'second';
  /** The row's epoch second, the users running at its end and the requests answered in it. */
  second: number;
  users: number;
  requests: number;
  rssBytes: number;
}

export interface EngineVusResult {
  event: 'result';
  /** The most users running at once (the active_users gauge, summed over the workers each second). */
  peakUsers: number;
  /** The whole seconds of the hold measured, as seconds from the test's start: [from, to). */
  holdFromSeconds: number;
  holdToSeconds: number;
  holdRequests: number;
  holdMeanResponseMs: number;
  holdP95Ms: number;
  holdP99Ms: number;
  /** Means over the hold: waiting for a free connection, and time to first byte (as late as the engine reads it). */
  holdMeanBlockedMs: number;
  holdMeanWaitingMs: number;
  failedRequests: number;
  journeyErrors: string[];
  exitReason: string;
  workers: number;
  /** process.memoryUsage().rss sampled every second, at its highest. */
  peakRssBytes: number;
  /** CPU seconds of this process (every thread) over the hold's rows, and their wall seconds. */
  holdCpuSeconds: number;
  holdWallSeconds: number;
  /** Seconds this process's threads spent runnable but not running over the hold's rows (the machine's other work). */
  holdRunQueueSeconds: number;
}

interface Row {
  second: number;
  requests: number;
  durations: SeriesSnapshot[];
  /** This process's CPU seconds, its threads' run-queue wait and the wall clock when the row arrived. */
  cpu: number;
  runQueue: number;
  at: number;
}

const TIMINGS: string[] = [ENGINE_METRICS.requestDuration, ENGINE_METRICS.requestBlocked, ENGINE_METRICS.requestWaiting];
const JOURNEY_MODULE = fileURLToPath(new URL('./funnelPacingJourney.ts', import.meta.url));
const write = (line: EngineVusSecond | EngineVusResult): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const sumOf = (series: readonly SeriesSnapshot[], name: string): number => series.reduce((sum, s) => (s.name === name ? sum + s.sum : sum), 0);
const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function main(input: EngineVusRunInput): Promise<void> {
  const { journey, rampSeconds, holdSeconds } = input;
  let peakRssBytes = process.memoryUsage().rss;
  const rssSampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss)), 1_000);
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());

  // The test's start is known only at the end, so the rows are kept (a few small histograms each) and cut then.
  const rows: Row[] = [];
  let peakUsers = 0;
  const result = await runPlan({
    plan: {
      executor: {
        executor: 'ramping-vus',
        startUsers: 0,
        stages: [
          { seconds: rampSeconds, target: journey.users },
          { seconds: holdSeconds, target: journey.users },
        ],
      },
      gracefulStopSeconds: 0,
      thresholds: {},
    },
    journeyModule: JOURNEY_MODULE,
    journeyOptions: journey,
    signal: stop.signal,
    onSecond: ({ second, series }) => {
      const users = sumOf(series, ENGINE_METRICS.activeUsers);
      const requests = sumOf(series, ENGINE_METRICS.requests);
      peakUsers = Math.max(peakUsers, users);
      rows.push({
        second,
        requests,
        durations: series.filter((s) => TIMINGS.includes(s.name)),
        cpu: cpuSeconds(),
        runQueue: runQueueWaitSeconds(process.pid) ?? 0,
        at: Date.now(),
      });
      write({ event: 'second', second, users, requests, rssBytes: process.memoryUsage().rss });
    },
  });
  clearInterval(rssSampler);

  const holdFromMs = result.startedAtMs + rampSeconds * 1000;
  const holdToMs = result.startedAtMs + (rampSeconds + holdSeconds) * 1000;
  const held = rows.filter((r) => r.second * 1000 >= holdFromMs && (r.second + 1) * 1000 <= holdToMs);
  const before = rows[rows.indexOf(held[0]!) - 1];
  const durations = new MetricSet();
  for (const row of held) durations.merge(row.durations, 'add');
  const duration = durations.aggregate(ENGINE_METRICS.requestDuration);
  const last = held.at(-1);
  write({
    event: 'result',
    peakUsers,
    holdFromSeconds: held.length > 0 ? (held[0]!.second * 1000 - result.startedAtMs) / 1000 : 0,
    holdToSeconds: last ? ((last.second + 1) * 1000 - result.startedAtMs) / 1000 : 0,
    holdRequests: held.reduce((sum, r) => sum + r.requests, 0),
    holdMeanResponseMs: duration?.stat('avg') ?? 0,
    holdP95Ms: duration?.stat('p(95)') ?? 0,
    holdP99Ms: duration?.stat('p(99)') ?? 0,
    holdMeanBlockedMs: durations.aggregate(ENGINE_METRICS.requestBlocked)?.stat('avg') ?? 0,
    holdMeanWaitingMs: durations.aggregate(ENGINE_METRICS.requestWaiting)?.stat('avg') ?? 0,
    failedRequests: result.totals.aggregate(ENGINE_METRICS.requestFailed)?.stat('passes') ?? 0,
    journeyErrors: result.journeyErrors,
    exitReason: result.exitReason,
    workers: result.workers,
    peakRssBytes: Math.max(peakRssBytes, process.memoryUsage().rss),
    holdCpuSeconds: before && last ? last.cpu - before.cpu : 0,
    holdWallSeconds: before && last ? (last.at - before.at) / 1000 : 0,
    holdRunQueueSeconds: before && last ? last.runQueue - before.runQueue : 0,
  });
}

await main(JSON.parse(process.argv[2] ?? '{}') as EngineVusRunInput);
