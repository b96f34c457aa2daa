// HTTP for journeys, over one undici Agent per worker (keep-alive pools per origin). Each request is timed from when
// it was meant to be sent, so a stalled target or a busy generator shows in the latency instead of hiding in
// fewer requests (coordinated omission); undici's handler callbacks give the phases: waiting for a connection
// (until the request is written), time to first byte, and the whole response; the Agent's own connector, wrapped,
// times each new connection's connect.

import { Agent, buildConnector } from 'undici';
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

export class HttpClient {
  private readonly agent: Agent;
  private readonly routes = new Map<string, RouteSeries>();
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
    const parsed = new URL(url);
    const name = options.name ?? `${method} ${parsed.pathname}`;
    const route = this.route(name);
    const keepBody = options.keepBody ?? true;
    const startedAt = performance.now();
    let writtenAt = startedAt;
    let headersAt = startedAt;
    let status = 0;
    let headers: HttpResponse['headers'] = {};
    const chunks: Buffer[] = [];
    return new Promise<HttpResponse>((resolve) => {
      const finish = (error?: Error): void => {
        const end = performance.now();
        const duration = end - intendedAt;
        const expected = options.expectedStatuses ?? DEFAULT_EXPECTED;
        const failed = error !== undefined || status < expected.min || status > expected.max;
        if (this.cutOff) return resolve({ status: 0, headers: {}, body: '', error: 'the test was cut off', duration });
        route.duration.record(duration);
        route.blocked.record(writtenAt - startedAt);
        if (!error) route.waiting.record(headersAt - writtenAt);
        route.failed.record(failed ? 1 : 0);
        this.count(route, name, error ? 0 : status);
        const body = chunks.length === 0 ? '' : chunks.length === 1 ? decoder.decode(chunks[0]) : decoder.decode(Buffer.concat(chunks));
        resolve(error ? { status: 0, headers: {}, body: '', error: error.message, duration } : { status, headers, body, duration });
      };
      try {
        this.agent.dispatch(
          { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}`, method, headers: options.headers, body: options.body },
          {
            onRequestStart() {
              writtenAt = performance.now();
            },
            onResponseStart(_controller, statusCode, responseHeaders) {
              headersAt = performance.now();
              status = statusCode;
              headers = responseHeaders;
            },
            onResponseData(_controller, chunk) {
              if (keepBody) chunks.push(chunk);
            },
            onResponseEnd() {
              finish();
            },
            onResponseError(_controller, error) {
              finish(error);
            },
          },
        );
      } catch (error) {
        finish(error as Error);
      }
    });
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
