// HTTP for journeys, over one undici Agent per worker (keep-alive pools per origin). Each request is timed from when
// it was meant to be sent, so a stalled target or a busy generator shows in the latency instead of hiding in
// fewer requests (coordinated omission); undici's handler callbacks give the phases: waiting for a connection
// (until the request is written), time to first byte, and the whole response; the Agent's own connector, wrapped,
// times each new connection's connect. The handler is the dispatch API undici calls itself (onConnect … onComplete):
// its newer onRequestStart API wraps it and parses every response's headers into an object, which was a twelfth of a
// worker's time in the enrollment journey (docs/performance.md); here headers are parsed only when read.

import { Agent, buildConnector, util } from 'undici';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { MetricSet, Series } from './metricSet.ts';

export interface RequestOptions {
  /** The route, as the request's `name` tag: never a per-person URL. Defaults to the method and path. */
  name?: string;
  headers?: Record<string, string>;
  /** Text, or bytes sent as they are (a probe's invalid UTF-8). */
  body?: string | Uint8Array;
  /** Keep the response body (default true); false discards it as it arrives. */
  keepBody?: boolean;
  /** Statuses that are a success for this request (default 200–399): a probe expects its 4xx refusals. */
  expectedStatuses?: { min: number; max: number };
}

export interface HttpResponse {
  /** 0 when no response came (refused, reset, timed out). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The network error, when status is 0. */
  error?: string;
  /** Milliseconds: meant to be sent → last byte. */
  duration: number;
}

export interface HttpClientOptions {
  /** Connections per origin at most (requests beyond wait for one: `http_req_blocked`). */
  connectionsPerOrigin: number;
  /** Headers and body each time out after this long. */
  timeoutMs: number;
}

interface RouteSeries {
  duration: Series;
  blocked: Series;
  waiting: Series;
  failed: Series;
  requests: Map<number, Series>;
}

const decoder = new TextDecoder();
const DEFAULT_EXPECTED = { min: 200, max: 399 };
const NO_HEADERS: HttpResponse['headers'] = Object.freeze({});

/**
 * A path (and query) that `new URL` keeps byte for byte: no dot segments, no percent signs (`%2e` is a dot), no
 * backslashes, spaces, non-ASCII or other characters it would escape. Anything else goes through `new URL`.
 */
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:[/?#]|$))[A-Za-z0-9\-_.~!$&'()*+,;=:@]*)*(?:\?[A-Za-z0-9\-_.~!$&()*+,;=:@/?]*)?$/;

const pathnameOf = (path: string): string => {
  const query = path.indexOf('?');
  return query < 0 ? path : path.slice(0, query);
};

/**
 * undici's raw headers ([name, value, …], views of the socket's read buffers) copied into one small buffer: keeping
 * the views would keep every read buffer alive as long as the response, and the extra external memory costs major GCs.
 */
class RawHeaders {
  private readonly block: Buffer;
  private readonly lengths: number[];

  constructor(raw: readonly Buffer[]) {
    this.lengths = raw.map((part) => part.length);
    this.block = Buffer.concat(raw as Buffer[]);
  }

  parse(): HttpResponse['headers'] {
    const parts: Buffer[] = [];
    let offset = 0;
    for (const length of this.lengths) {
      parts.push(this.block.subarray(offset, offset + length));
      offset += length;
    }
    return util.parseHeaders(parts) as HttpResponse['headers'];
  }
}

/** A response; its headers are parsed only when a journey reads them. */
class Response implements HttpResponse {
  readonly status: number;
  readonly body: string;
  readonly duration: number;
  readonly error?: string;
  private raw: RawHeaders | undefined;
  private parsed: HttpResponse['headers'] | undefined;

  constructor(status: number, raw: RawHeaders | undefined, body: string, duration: number, error?: string) {
    this.status = status;
    this.raw = raw;
    this.body = body;
    this.duration = duration;
    if (error !== undefined) this.error = error;
  }

  get headers(): HttpResponse['headers'] {
    if (this.parsed === undefined) {
      this.parsed = this.raw === undefined ? NO_HEADERS : this.raw.parse();
      this.raw = undefined;
    }
    return this.parsed;
  }
}

/**
 * One request in flight: undici's handler (its dispatch API's onConnect … onComplete/onError, which hand over the raw
 * headers unparsed) and the request's timings, in one object instead of a closure per callback.
 */
class Exchange {
  readonly startedAt = performance.now();
  writtenAt: number;
  headersAt: number;
  status = 0;
  error: Error | undefined;
  private rawHeaders: RawHeaders | undefined;
  private chunks: Buffer[] | undefined;
  private done = false;

  readonly intendedAt: number;
  private readonly client: HttpClient;
  private readonly routeSeries: RouteSeries;
  private readonly name: string;
  private readonly options: RequestOptions;
  private readonly resolve: (response: HttpResponse) => void;

  constructor(client: HttpClient, route: RouteSeries, name: string, options: RequestOptions, intendedAt: number, resolve: (response: HttpResponse) => void) {
    this.client = client;
    this.routeSeries = route;
    this.name = name;
    this.options = options;
    this.intendedAt = intendedAt;
    this.resolve = resolve;
    this.writtenAt = this.startedAt;
    this.headersAt = this.startedAt;
  }

  onConnect(): void {
    this.writtenAt = performance.now();
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    this.headersAt = performance.now();
    this.status = statusCode;
    this.rawHeaders = new RawHeaders(rawHeaders);
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.options.keepBody ?? true) (this.chunks ??= []).push(chunk);
    return true;
  }

  onComplete(): void {
    this.finish();
  }

  onError(error: Error): void {
    this.error = error;
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    const end = performance.now();
    const duration = end - this.intendedAt;
    const expected = this.options.expectedStatuses ?? DEFAULT_EXPECTED;
    const failed = this.error !== undefined || this.status < expected.min || this.status > expected.max;
    if (!this.client.recordExchange(this.routeSeries, this.name, this, failed, end)) {
      return this.resolve(new Response(0, undefined, '', duration, 'the test was cut off'));
    }
    if (this.error !== undefined) return this.resolve(new Response(0, undefined, '', duration, this.error.message));
    const chunks = this.chunks;
    const body = chunks === undefined ? '' : chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(Buffer.concat(chunks));
    this.resolve(new Response(this.status, this.rawHeaders, body, duration));
  }
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly routes = new Map<string, RouteSeries>();
  /** The origin of the last URL parsed: see target(). */
  private lastOrigin = '';
  /** Once the test is cut off, requests ended by it are not measurements of the target. */
  private cutOff = false;

  private readonly metrics: MetricSet;
  private readonly connecting: Series;

  constructor(metrics: MetricSet, options: HttpClientOptions) {
    this.metrics = metrics;
    this.connecting = metrics.series('trend', ENGINE_METRICS.requestConnecting);
    const connector = buildConnector({ timeout: options.timeoutMs });
    // Each new connection: from asking undici's connector for a socket to the socket connected (TCP, and TLS for https).
    const connect: buildConnector.connector = (connectOptions, callback) => {
      const startedAt = performance.now();
      connector(connectOptions, (...args) => {
        if (args[0] === null && !this.cutOff) this.connecting.record(performance.now() - startedAt);
        callback(...args);
      });
    };
    this.agent = new Agent({
      connections: options.connectionsPerOrigin,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
      connect,
    });
  }

  private route(name: string): RouteSeries {
    let route = this.routes.get(name);
    if (!route) {
      const tags = { name };
      route = {
        duration: this.metrics.series('trend', ENGINE_METRICS.requestDuration, tags),
        blocked: this.metrics.series('trend', ENGINE_METRICS.requestBlocked, tags),
        waiting: this.metrics.series('trend', ENGINE_METRICS.requestWaiting, tags),
        failed: this.metrics.series('rate', ENGINE_METRICS.requestFailed, tags),
        requests: new Map(),
      };
      this.routes.set(name, route);
    }
    return route;
  }

  private count(route: RouteSeries, name: string, status: number): void {
    let series = route.requests.get(status);
    if (!series) {
      series = this.metrics.series('counter', ENGINE_METRICS.requests, { name, status: String(status) });
      route.requests.set(status, series);
    }
    series.record(1);
  }

  /**
   * Sends one request. `intendedAt` (performance.now() ms) is when it was meant to go: the latency counts from
   * there. Never throws for the target's faults: a network error is a response with status 0.
   */
  request(method: string, url: string, options: RequestOptions = {}, intendedAt = performance.now()): Promise<HttpResponse> {
    const { origin, path } = this.target(url);
    const name = options.name ?? `${method} ${pathnameOf(path)}`;
    return new Promise<HttpResponse>((resolve) => {
      const exchange = new Exchange(this, this.route(name), name, options, intendedAt, resolve);
      try {
        this.agent.dispatch({ origin, path, method, headers: options.headers, body: options.body }, exchange);
      } catch (error) {
        exchange.onError(error as Error);
      }
    });
  }

  /**
   * The origin and path of a URL as `new URL` gives them. Journeys send many URLs under one base: a URL that starts
   * with the last origin seen and whose path holds only characters `new URL` leaves as they are skips the parse.
   */
  private target(url: string): { origin: string; path: string } {
    const origin = this.lastOrigin;
    if (origin !== '' && url.length > origin.length && url.startsWith(origin) && url.charCodeAt(origin.length) === 47 /* / */) {
      const path = url.slice(origin.length);
      if (PLAIN_PATH.test(path)) return { origin, path };
    }
    const parsed = new URL(url);
    this.lastOrigin = parsed.origin;
    return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
  }

  /** Records one finished request into its route's series; false once the test is cut off (not a measurement). */
  recordExchange(route: RouteSeries, name: string, exchange: Exchange, failed: boolean, end: number): boolean {
    if (this.cutOff) return false;
    route.duration.record(end - exchange.intendedAt);
    route.blocked.record(exchange.writtenAt - exchange.startedAt);
    if (exchange.error === undefined) route.waiting.record(exchange.headersAt - exchange.writtenAt);
    route.failed.record(failed ? 1 : 0);
    this.count(route, name, exchange.error === undefined ? exchange.status : 0);
    return true;
  }

  /** Ends every connection; requests still in flight end with an error. */
  async destroy(): Promise<void> {
    this.cutOff = true;
    await this.agent.destroy();
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
