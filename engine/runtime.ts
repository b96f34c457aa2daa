// What a journey sees: the runtime API. A journey is a plain async function of this context; it makes requests,
// checks answers, records its own metrics and thinks. The context carries when the next request was meant to be
// sent (the scheduled start, or the end of a think), so latency counts the generator's own lateness too.

import type { HttpClient, HttpResponse, RequestOptions } from './httpClient.ts';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { MetricSet, Tags } from './metricSet.ts';
import type { Segment } from './schedule.ts';

export interface JourneyContext {
  /** This journey's number in the whole test (every segment's numbers are disjoint): picks its applicant. */
  readonly iteration: number;
  /** The user running it: the arrival's number (open model) or the user's number in the whole test (closed). */
  readonly user: number;
  /** The segment of the test this worker runs. */
  readonly segment: Segment;
  /** Aborted when the test is cut off (end of the graceful stop, or an abort): stop at once. */
  readonly signal: AbortSignal;
  request(method: string, url: string, options?: RequestOptions): Promise<HttpResponse>;
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  post(url: string, body: unknown, options?: RequestOptions): Promise<HttpResponse>;
  del(url: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Records a check (the `checks` rate, tagged with its name) and returns whether it passed. */
  check(name: string, passed: boolean, tags?: Tags): boolean;
  counter(name: string, value?: number, tags?: Tags): void;
  /** A trend sample in milliseconds. */
  trend(name: string, milliseconds: number, tags?: Tags): void;
  rate(name: string, passed: boolean, tags?: Tags): void;
  /** Thinks for this long; rejects with an AbortError if the test is cut off meanwhile. */
  sleep(seconds: number): Promise<void>;
}

/** A consumer journey: one user's path through the target, start to end. */
export type Journey = (context: JourneyContext) => Promise<void>;

/**
 * What a journey module exports: `createJourney(options, segment)`, called once per worker before load starts,
 * with the options the run gives (JSON) — it may load its data, then returns the journey.
 */
export interface JourneyModule {
  createJourney(options: unknown, segment: Segment): Journey | Promise<Journey>;
}

export class AbortedError extends Error {
  override name = 'AbortError';
}

/**
 * The sleeps pending on each signal, cut off together by one abort listener. Node's EventTarget keeps listeners in a
 * list that addEventListener walks in full (to skip duplicates), so a listener per sleep made 25,000 sleeping users
 * on one worker cost about 0.1 ms a sleep and 125,000 about 0.8 ms: half the thread's time at 50,000 users.
 */
const pendingSleeps = new WeakMap<AbortSignal, Set<() => void>>();

function sleepsOn(signal: AbortSignal): Set<() => void> {
  let pending = pendingSleeps.get(signal);
  if (!pending) {
    const sleeps = new Set<() => void>();
    pendingSleeps.set(signal, (pending = sleeps));
    signal.addEventListener('abort', () => sleeps.forEach((cutOff) => cutOff()), { once: true });
  }
  return pending;
}

export function abortableSleep(seconds: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortedError('the test was cut off'));
  const pending = sleepsOn(signal);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      pending.delete(onAbort);
      reject(new AbortedError('the test was cut off'));
    };
    const timer = setTimeout(() => {
      pending.delete(onAbort);
      resolve();
    }, seconds * 1000);
    pending.add(onAbort);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export class Context implements JourneyContext {
  /** performance.now() ms at which the next request was meant to be sent, when the journey set one. */
  private intendedAt: number | undefined;
  readonly iteration: number;
  readonly user: number;
  readonly segment: Segment;
  readonly signal: AbortSignal;
  private readonly http: HttpClient;
  private readonly metrics: MetricSet;

  constructor(iteration: number, user: number, segment: Segment, signal: AbortSignal, http: HttpClient, metrics: MetricSet, scheduledAt: number | undefined) {
    this.iteration = iteration;
    this.user = user;
    this.segment = segment;
    this.signal = signal;
    this.http = http;
    this.metrics = metrics;
    this.intendedAt = scheduledAt;
  }

  /** Rejects with an AbortError when the test is cut off before or while it is answered: the journey ends there. */
  async request(method: string, url: string, options?: RequestOptions): Promise<HttpResponse> {
    if (this.signal.aborted) throw new AbortedError('the test was cut off');
    const intendedAt = this.intendedAt ?? performance.now();
    this.intendedAt = undefined;
    const response = await this.http.request(method, url, options, intendedAt);
    if (this.signal.aborted) throw new AbortedError('the test was cut off');
    return response;
  }

  get(url: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('GET', url, options);
  }

  post(url: string, body: unknown, options: RequestOptions = {}): Promise<HttpResponse> {
    return this.request('POST', url, {
      ...options,
      headers: { ...JSON_HEADERS, ...options.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  del(url: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.request('DELETE', url, options);
  }

  check(name: string, passed: boolean, tags?: Tags): boolean {
    this.metrics.add('rate', ENGINE_METRICS.checks, passed ? 1 : 0, tags === undefined ? { check: name } : { ...tags, check: name });
    return passed;
  }

  counter(name: string, value = 1, tags?: Tags): void {
    this.metrics.add('counter', name, value, tags);
  }

  trend(name: string, milliseconds: number, tags?: Tags): void {
    this.metrics.add('trend', name, milliseconds, tags);
  }

  rate(name: string, passed: boolean, tags?: Tags): void {
    this.metrics.add('rate', name, passed ? 1 : 0, tags);
  }

  async sleep(seconds: number): Promise<void> {
    const intendedAt = performance.now() + seconds * 1000;
    if (seconds > 0) await abortableSleep(seconds, this.signal);
    else if (this.signal.aborted) throw new AbortedError('the test was cut off');
    this.intendedAt = intendedAt;
  }
}
