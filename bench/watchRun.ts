// A synthetic hour of a run folder as `run --watch` sees it, one second at a time: the engine's row appended to
// load-seconds.ndjson (bench/syntheticSeconds.ts, 100 requests a second), a reading of a synthetic exchange /metrics
// (its gauges, its 834 delivery histogram and process metrics, and per-route request histograms to the size of a
// real exposition, ~40 kB) read by ExchangeScrape and appended to watch-exchange.ndjson, then the run page's state
// read (scripts/watch/runState.ts) and the update every page is sent built from it — what the watch server does
// each second. For bench/watch.ts and bench/watchBrowser.ts.

import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../vocabulary/metrics/process.ts';
import type { Executor } from '../engine/plan.ts';
import { DELIVERY_BUCKETS_SECONDS, EXCHANGE_METRICS as X, LATENCY_BUCKETS_SECONDS } from '../vocabulary/metrics/exchange.ts';
import { ExchangeScrape } from '../report/liveExchange.ts';
import { updateMessage } from '../report/livePage.ts';
import { runFile } from '../vocabulary/runFiles.ts';
import { RunState } from '../scripts/watch/runState.ts';
import { syntheticSecondRows } from './syntheticSeconds.ts';

export const WATCH_HOUR = 3600;
export const WATCH_EXECUTOR: Executor = { executor: 'constant-arrival-rate', rate: 16, seconds: WATCH_HOUR, maxInFlight: 1000 };
const START_MS = Date.UTC(2026, 0, 1);
const P = processMetricNames(EXCHANGE_DEFAULT_METRICS_PREFIX);
const ROUTES = ['accounts', 'applications', 'eligibility', 'plans', 'enrollments', 'waiting-room', 'health', 'metrics'];

/** The exchange's /metrics at second `t`: counters grown by t seconds of 16 enrollments a second. */
export function syntheticExposition(t: number): string {
  const lines = [
    `${X.outboxDepth} ${(t * 7) % 13}`,
    `${X.outboxOldestAge} ${((t * 7) % 13) / 10}`,
    `${X.waitingRoomQueued} ${t % 97}`,
    `${X.waitingRoomActive} 16`,
  ];
  lines.push(`${X.enrollmentsConfirmed}{metal="silver"} ${16 * t}`, `${X.edi834Accepted}{issuer="A"} ${16 * t - 3}`);
  let below = 0;
  for (const bound of DELIVERY_BUCKETS_SECONDS) {
    below += bound <= 0.5 ? 4 : bound <= 2 ? 1 : 0;
    lines.push(`${X.deliveryLatency}_bucket{le="${bound}"} ${below * t}`);
  }
  lines.push(`${X.deliveryLatency}_bucket{le="+Inf"} ${below * t}`, `${X.deliveryLatency}_sum ${t * 4}`, `${X.deliveryLatency}_count ${below * t}`);
  lines.push(`${P.residentMemory} ${110e6 + t * 1000}`, `${P.heapUsed} ${40e6 + (t % 60) * 1e5}`, `${P.eventLoopLagP99} ${0.01 + (t % 17) / 1000}`);
  for (const route of ROUTES) {
    for (const status of ['200', '201', '503']) {
      LATENCY_BUCKETS_SECONDS.forEach((bound, i) =>
        lines.push(`${X.httpDuration}_bucket{route="${route}",method="POST",status="${status}",le="${bound}"} ${t * (i + 1)}`),
      );
      lines.push(
        `${X.httpDuration}_bucket{route="${route}",method="POST",status="${status}",le="+Inf"} ${t * 20}`,
        `${X.httpDuration}_sum{route="${route}",method="POST",status="${status}"} ${t}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A run folder written and read a second at a time; `step()` gives each second's update, undefined after the hour. */
export function syntheticWatchRun(): { step: () => Promise<string | undefined>; state: RunState; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-watch-'));
  const rows = syntheticSecondRows({
    startMs: START_MS,
    seconds: WATCH_HOUR,
    vus: (t) => 50 + (t % 600) / 10,
    requestsPerSecond: () => 100,
    medianMs: (t) => 20 + (t % 300) / 30,
  });
  const state = new RunState(dir);
  const scrape = new ExchangeScrape();
  let t = 0;
  return {
    state,
    async step() {
      const row = rows.next();
      if (row.done) return undefined;
      appendFileSync(runFile(dir, 'loadSeconds'), `${JSON.stringify(row.value)}\n`);
      appendFileSync(runFile(dir, 'watchExchange'), `${JSON.stringify({ time: START_MS + t * 1000 + 500, ...scrape.read(syntheticExposition(t)) })}\n`);
      t += 1;
      await state.read();
      return updateMessage(state.view(WATCH_EXECUTOR));
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
