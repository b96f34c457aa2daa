// A synthetic run's load-seconds.ndjson, written as the engine writes it: one row a second with every series the
// engine records per request (http_reqs, http_req_duration, _blocked, _waiting, _failed, checks) and per journey
// (journeys, journey_duration and the journeys' own marketplace_* metrics), and the users gauge — not only the series
// the analyses read, so reading it costs what reading a real run costs. For the analysis benchmark and the analysis
// command tests.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../analysis/bootstrap.ts';
import { ENGINE_METRICS as M } from '../vocabulary/metrics/engine.ts';
import { MetricSet } from '../engine/metricSet.ts';
import type { SecondRow } from '../engine/runPlan.ts';
import { METRIC_NAMES } from '../vocabulary/metrics/journeys.ts';
import { REQUESTS } from '../vocabulary/requests.ts';

/** The journey's six requests, as the scenarios name them, with the status each answers. */
const ROUTES = [
  [REQUESTS.enterWaitingRoom, '200'],
  [REQUESTS.createAccount, '201'],
  [REQUESTS.submitApplication, '201'],
  [REQUESTS.determineEligibility, '200'],
  [REQUESTS.listPlans, '200'],
  [REQUESTS.enroll, '201'],
] as const;

export interface SyntheticRun {
  /** Epoch ms of the first second (rounded down to a whole second). */
  startMs: number;
  seconds: number;
  /** Users at second `t` (the engine's active_users gauge). */
  vus: (t: number) => number;
  /** Requests completed in second `t`. */
  requestsPerSecond: (t: number) => number;
  /** Median latency (ms) at second `t`; the samples are log-normal around it. */
  medianMs: (t: number) => number;
  /** Share of requests that fail (http_req_failed), at random; 0 by default. */
  failureRate?: number;
  seed?: number;
}

/** The run's rows, one a second, in order. Every sixth request ends a journey. */
export function* syntheticSecondRows(run: SyntheticRun): Generator<SecondRow> {
  const random = seededRandom(run.seed ?? 1);
  const set = new MetricSet();
  const firstSecond = Math.floor(run.startMs / 1000);
  let requests = 0;
  for (let t = 0; t < run.seconds; t++) {
    set.reset();
    set.add('gauge', M.activeUsers, run.vus(t));
    const count = run.requestsPerSecond(t);
    for (let i = 0; i < count; i++) {
      const [name, status] = ROUTES[requests % ROUTES.length]!;
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      const duration = run.medianMs(t) * Math.exp(0.5 * z);
      const failed = random() < (run.failureRate ?? 0);
      const tags = { name };
      set.add('counter', M.requests, 1, { name, status: failed ? '500' : status });
      set.add('trend', M.requestDuration, duration, tags);
      set.add('trend', M.requestBlocked, 0.01, tags);
      set.add('trend', M.requestWaiting, duration * 0.9, tags);
      set.add('rate', M.requestFailed, failed ? 1 : 0, tags);
      set.add('rate', M.checks, failed ? 0 : 1, { check: `${name} answered` });
      requests += 1;
      if (requests % ROUTES.length === 0) {
        const journey = { journey: 'enroll' };
        set.add('counter', M.journeys, 1);
        set.add('trend', M.journeyDuration, duration * 6);
        set.add('counter', METRIC_NAMES.journeysStarted, 1, journey);
        set.add('trend', METRIC_NAMES.journeyDuration, duration * 6, journey);
        set.add('counter', METRIC_NAMES.enrollmentsConfirmed, 1);
      }
    }
    yield { second: firstSecond + t, series: set.snapshot() };
  }
}

/** Writes the run's rows to `file` as NDJSON; returns how many rows, requests and bytes it wrote. */
export async function writeSyntheticSeconds(file: string, run: SyntheticRun): Promise<{ rows: number; requests: number; bytes: number }> {
  const out = createWriteStream(file);
  let rows = 0;
  let requests = 0;
  let bytes = 0;
  for (const row of syntheticSecondRows(run)) {
    const line = `${JSON.stringify(row)}\n`;
    rows += 1;
    requests += row.series.filter((s) => s.name === M.requests).reduce((n, s) => n + s.sum, 0);
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { rows, requests, bytes };
}
