// The live page's server, on 127.0.0.1 only: tails a run folder (load-seconds.ndjson as the engine writes it, then
// verdict.json) once a second, and while the run is under way the exchange's /metrics (where exchange-admin.json
// says, loopback only), and serves the page (GET /) and its server-sent events (GET /events). `harness run --watch`
// starts it on the run folder it is writing; `harness watch --run DIR` on any run folder, finished or not. Memory
// stays bounded: the rows and scrapes go into bounded stores (report/boundedSeries.ts) and are not kept.

import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Executor } from '../../engine/plan.ts';
import { isLoopbackHost } from '../../engine/loopback.ts';
import { liveCharts } from '../../report/liveCharts.ts';
import { LiveExchange, liveExchangeCharts } from '../../report/liveExchange.ts';
import { renderLivePage, sseMessage, updateMessage, type LiveFinal } from '../../report/livePage.ts';
import { LiveSeries, livePointOf } from '../../report/liveSeries.ts';
import { verdictHeadline } from '../../verdict/render.ts';
import { verdictStatus, type Verdict } from '../../verdict/verdict.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { readOptionalRunJson } from '../analysis/runInputs.ts';
import { readChartLibrary } from '../report/chartLibrary.ts';
import { readExchangeAdmin } from '../run/exchangeAdmin.ts';
import { runFile } from '../runFiles.ts';
import type { Targets } from '../targets/schema.ts';
import { UsageError } from '../usageError.ts';
import { NdjsonTail } from './ndjsonTail.ts';
import type { WatchAddress } from './watchAddress.ts';

/** Bytes waiting to be sent to one page above which it is sent no update until it catches up (a few updates). */
const MAX_BUFFERED_BYTES = 1 << 20;

export interface WatchServerOptions {
  runDir: string;
  runId: string;
  profile: string;
  targets: Targets;
  address: WatchAddress;
  /** The run's planned executor, for the planned lines; undefined draws none. */
  executor?: Executor;
  /**
   * Send the final state as soon as the folder holds verdict.json and run.json (`harness watch`). `harness run --watch`
   * leaves it off and calls finish() when its verdict is final.
   */
  finishWhenJudged: boolean;
  /** How often the folder is read and the page updated (ms); default 1000. */
  intervalMs?: number;
}

export interface WatchServer {
  url: string;
  /** Reads the folder once more, sends the verdict (when there is one) to every page, and stops serving. */
  finish(): Promise<void>;
}

/** The final state of a judged run folder, or undefined while it has no verdict. */
export function finalOf(runDir: string, targets: Targets): LiveFinal | undefined {
  const verdict = readOptionalRunJson<Verdict>(runDir, 'verdict', 'the verdict of the run');
  if (!verdict) return undefined;
  return { status: verdictStatus(verdict), pass: verdict.pass, line: verdictHeadline(verdict), headline: runHeadline(runDir, targets) };
}

export async function startWatchServer(options: WatchServerOptions): Promise<WatchServer> {
  const store = new LiveSeries();
  const tail = new NdjsonTail(runFile(options.runDir, 'loadSeconds'));
  const clients = new Set<ServerResponse>();
  let final: LiveFinal | undefined;
  let latest = '';
  const read = (): boolean =>
    tail.read((line) => {
      try {
        store.push(livePointOf(JSON.parse(line) as Parameters<typeof livePointOf>[0]));
      } catch {
        // A line the engine did not write whole (the run was killed mid-write): the next ones still count.
      }
    }) > 0;
  const exchange = new LiveExchange();
  let scraped = false;
  let scraping = false;
  const runEnded = (): boolean => final !== undefined || existsSync(runFile(options.runDir, 'run'));
  // The exchange's gauges, while the run is under way: a scrape at a time, never to anything but loopback.
  const scrape = (): void => {
    if (scraping || runEnded() || !existsSync(runFile(options.runDir, 'exchangeAdmin'))) return;
    let url: string;
    try {
      url = readExchangeAdmin(options.runDir).url;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return; // being written: read it next second
    }
    if (!isLoopbackHost(new URL(url).hostname)) return;
    scraping = true;
    fetch(`${url}/metrics`, { signal: AbortSignal.timeout(900) })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(String(response.status)))))
      .then((text) => {
        exchange.push(Date.now() / 1000, text);
        scraped = true;
      })
      .catch(() => (exchange.failures += 1))
      .finally(() => (scraping = false));
  };
  const update = (): LiveUpdateParts => ({ charts: [...liveCharts(store, options.executor), ...liveExchangeCharts(exchange, store.firstSecond)], totals: { ...store.totals } });
  // Every update holds the whole state: a page too slow to take one skips it rather than have it buffered here.
  const broadcast = (message: string, always = false): void => {
    for (const client of clients) if (always || client.writableLength < MAX_BUFFERED_BYTES) client.write(message);
  };
  const sendFinal = (): void => {
    if (!final) return;
    broadcast(sseMessage('final', final), true);
    for (const client of clients) client.end();
    clients.clear();
  };
  const tick = (): void => {
    scrape();
    const grew = read();
    if (grew || scraped || latest === '') {
      scraped = false;
      latest = updateMessage(update());
      broadcast(latest);
    }
    if (options.finishWhenJudged && !final && existsSync(runFile(options.runDir, 'run'))) {
      try {
        final = finalOf(options.runDir, options.targets);
      } catch (error) {
        if (!(error instanceof UsageError)) throw error; // verdict.json being written: read it again next second
      }
      sendFinal();
    }
  };

  const server = createServer((request, response) => serve(request, response));
  let port = options.address.port;
  const hostAllowed = (host: string | undefined): boolean => host === `${options.address.host}:${port}` || host === `localhost:${port}`;
  function serve(request: IncomingMessage, response: ServerResponse): void {
    // Only pages this machine opened by its loopback name: a web page elsewhere cannot reach this server by rebinding a DNS name to 127.0.0.1.
    if (!hostAllowed(request.headers.host)) return void response.writeHead(403, { 'content-type': 'text/plain' }).end(`Open http://${options.address.host}:${port}/\n`);
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/') {
      const html = renderLivePage({ runId: options.runId, profile: options.profile, update: update(), ...(final ? { final } : {}), library: readChartLibrary() });
      return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    }
    if (request.method === 'GET' && path === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write('retry: 2000\n\n');
      if (latest) response.write(latest);
      if (final) return void response.end(sseMessage('final', final));
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(`${JSON.stringify({ error: `no ${path} here: the live page is /, its events /events` })}\n`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new UsageError(`--watch ${options.address.port}`, 'a port free to listen on', `Port ${options.address.port} on ${options.address.host} is ${error.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}: give another, or 0 for a free one.`) : error),
    );
    server.listen(port, options.address.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 1000);
  let finished = false;
  return {
    url: `http://${options.address.host}:${port}/`,
    async finish() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      if (read()) broadcast(updateMessage(update()));
      final ??= finalOf(options.runDir, options.targets);
      sendFinal();
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type LiveUpdateParts = Parameters<typeof updateMessage>[0];
