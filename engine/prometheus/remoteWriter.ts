// Pushes the engine's metrics to a Prometheus while the test runs. push(), called from runPlan's onSecond, turns the
// second into samples and returns at once; one request at a time carries every second queued meanwhile, so a slow
// Prometheus gets fewer, larger requests and never holds the engine up. Failures are counted, never thrown.

import type { MetricSet } from '../metricSet.ts';
import type { SecondRow } from '../runPlan.ts';
import { NATIVE_SCHEMA } from './nativeHistogram.ts';
import { postWriteRequest, RemoteWriteSeries, writeRequestBody, type Frame } from './remoteWrite.ts';

export interface RemoteWriterOptions {
  /** The remote-write receiver, e.g. `http://127.0.0.1:9090/api/v1/write`. */
  url: string;
  /** The run's id: the `testid` label on every series. */
  testid: string;
  /** More labels on every series, e.g. `{ shard: '2' }`. */
  labels?: Readonly<Record<string, string>>;
  /** One request's limit. Default 10 s. */
  timeoutMs?: number;
  /** Seconds kept while Prometheus is away; beyond, the oldest are dropped (later ones still carry the totals). Default 300. */
  maxQueuedSeconds?: number;
  /** Seconds in one request at most. Default 60. */
  maxSecondsPerRequest?: number;
  /** Native histogram schema. Default 3. */
  schema?: number;
}

export interface RemoteWriterStats {
  /** Seconds pushed by the engine. */
  secondsPushed: number;
  /** Seconds Prometheus accepted. */
  secondsSent: number;
  /** Seconds given up: beyond maxQueuedSeconds, refused by Prometheus (4xx), or not convertible. */
  secondsDropped: number;
  /** Seconds still waiting to be sent. */
  secondsQueued: number;
  requests: number;
  /** Requests that failed, and seconds that could not be converted. */
  failures: number;
  lastError?: string;
}

export interface RemoteWriter {
  /** Queues the second and returns at once; never throws. */
  push(row: SecondRow, totals: MetricSet): void;
  /** Sends everything queued, retrying for up to `timeoutMs` (default 15 s); resolves with the figures, never rejects. */
  flush(timeoutMs?: number): Promise<RemoteWriterStats>;
  stats(): RemoteWriterStats;
}

const RETRY_PAUSE_MS = 500;

/** The URL and labels are checked here (an error names the one that is wrong); after that nothing throws. */
export function createRemoteWriter(options: RemoteWriterOptions): RemoteWriter {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new TypeError(`remote-write url ${JSON.stringify(options.url)}: expected an http(s) URL, e.g. http://127.0.0.1:9090/api/v1/write`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`remote-write url ${options.url}: expected http: or https:`);
  if (!options.testid) throw new TypeError('remote-write testid: expected the run id, got an empty string');
  return new QueuedRemoteWriter(options, new RemoteWriteSeries({ ...options.labels, testid: options.testid }, options.schema ?? NATIVE_SCHEMA));
}

class QueuedRemoteWriter implements RemoteWriter {
  private readonly queue: Frame[] = [];
  private inFlight: Promise<void> | undefined;
  private lastTimestampMs = 0;
  private readonly figures: RemoteWriterStats = { secondsPushed: 0, secondsSent: 0, secondsDropped: 0, secondsQueued: 0, requests: 0, failures: 0 };
  private readonly options: RemoteWriterOptions;
  private readonly series: RemoteWriteSeries;

  constructor(options: RemoteWriterOptions, series: RemoteWriteSeries) {
    this.options = options;
    this.series = series;
  }

  push(row: SecondRow, totals: MetricSet): void {
    this.figures.secondsPushed += 1;
    try {
      // Stamped at the second's end (or now, for a last second cut short), always after the one before: Prometheus
      // refuses a sample at or before a series' latest.
      const timestampMs = Math.max(this.lastTimestampMs + 1, Math.min((row.second + 1) * 1000, Date.now()));
      this.queue.push(this.series.frame(row, totals, timestampMs));
      this.lastTimestampMs = timestampMs;
      this.trim();
      this.pump();
    } catch (error) {
      this.figures.failures += 1;
      this.figures.secondsDropped += 1;
      this.figures.lastError = `second ${row.second} not converted: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  private trim(): void {
    const excess = this.queue.length - (this.options.maxQueuedSeconds ?? 300);
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.figures.secondsDropped += excess;
    }
  }

  /** Sends what is queued unless a request is in flight; after a success, whatever queued meanwhile goes at once. */
  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxSecondsPerRequest ?? 60);
    this.inFlight = this.send(batch).then(
      (sent) => {
        this.inFlight = undefined;
        // After a failure the next push (a second later) or flush tries again: no tight loop against a sick server.
        if (sent) this.pump();
      },
      () => (this.inFlight = undefined),
    );
  }

  private async send(batch: Frame[]): Promise<boolean> {
    let outcome;
    try {
      outcome = await postWriteRequest(this.options.url, writeRequestBody(batch), this.options.timeoutMs ?? 10_000);
    } catch (error) {
      outcome = { ok: false as const, retryable: false, message: `request not encoded: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.figures.requests += 1;
    if (outcome.ok) {
      this.figures.secondsSent += batch.length;
      return true;
    }
    this.figures.failures += 1;
    this.figures.lastError = outcome.message;
    if (outcome.retryable) {
      this.queue.unshift(...batch);
      this.trim();
    } else this.figures.secondsDropped += batch.length;
    return false;
  }

  async flush(timeoutMs = 15_000): Promise<RemoteWriterStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.queue.length === 0 || Date.now() >= deadline) break;
      const failures = this.figures.failures;
      this.pump();
      await this.inFlight;
      if (this.figures.failures > failures) await new Promise((resolve) => setTimeout(resolve, Math.min(RETRY_PAUSE_MS, Math.max(0, deadline - Date.now()))));
    }
    return this.stats();
  }

  stats(): RemoteWriterStats {
    return { ...this.figures, secondsQueued: this.queue.length };
  }
}
