// The live page's server, on 127.0.0.1 only: reads a run folder once a second as the run page's state
// (scripts/watch/runState.ts: the engine's rows as it writes them, the exchange's readings, the files of the run's
// end), and serves the page (GET /) and its server-sent events (GET /events); once the run is judged, the same final
// view report.html holds. `harness run --watch` starts it on the run folder it is writing and has it read the
// exchange's /metrics once a second while the run is under way (where exchange-admin.json says, loopback only),
// keeping each reading in the folder (watch-exchange.ndjson) so report.html shows what the page showed; `harness
// watch --run DIR` only reads a folder, finished or not. Memory stays bounded: rows and readings go into bounded
// stores (report/boundedSeries.ts) and are not kept.

import { appendFileSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Executor } from '../../engine/plan.ts';
import { isLoopbackHost } from '../../engine/loopback.ts';
import { ExchangeScrape } from '../../report/liveExchange.ts';
import { renderLivePage, sseMessage, updateMessage, type LiveFinal, type LiveUpdate } from '../../report/livePage.ts';
import { reportFinal } from '../../report/runReport.ts';
import { readChartLibrary } from '../report/chartLibrary.ts';
import { endOfRunPage } from '../report/writeRunReport.ts';
import { readExchangeAdmin } from '../run/exchangeAdmin.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { RunState } from './runState.ts';
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
  /** Read the exchange's /metrics once a second while the run is under way, and keep the readings in the folder (`run --watch`). */
  readExchange?: boolean;
  /** How often the folder is read and the page updated (ms); default 1000. */
  intervalMs?: number;
}

export interface WatchServer {
  url: string;
  /** Reads the folder once more, sends the verdict (when there is one) to every page, and stops serving. */
  finish(): Promise<void>;
}

/** The final state of a judged run folder — its last view and its final view, as report.html shows them — or undefined while it has no verdict. */
export function finalOf(runDir: string, targets: Targets, state: RunState): { view: LiveUpdate; final: LiveFinal } | undefined {
  if (!existsSync(runFile(runDir, 'verdict')) || !existsSync(runFile(runDir, 'run'))) return undefined;
  const { view, final } = endOfRunPage(runDir, targets, state);
  if (!final.verdict) return undefined;
  return { view, final: reportFinal(final) };
}

export async function startWatchServer(options: WatchServerOptions): Promise<WatchServer> {
  const state = new RunState(options.runDir);
  const clients = new Set<ServerResponse>();
  let final: LiveFinal | undefined;
  let view: LiveUpdate = state.view(options.executor);
  let latest = '';
  const scrape = new ExchangeScrape();
  let scraping = false;
  const runEnded = (): boolean => final !== undefined || existsSync(runFile(options.runDir, 'run'));
  // The exchange's figures, while the run is under way: a reading at a time, never of anything but loopback, kept
  // in the folder as read (the state reads them back from there, as report.html will).
  const readExchange = (): void => {
    if (!options.readExchange || scraping || runEnded() || !existsSync(runFile(options.runDir, 'exchangeAdmin'))) return;
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
        if (!runEnded()) appendFileSync(runFile(options.runDir, 'watchExchange'), `${JSON.stringify({ time: Date.now(), ...scrape.read(text) })}\n`);
      })
      .catch(() => undefined) // not up yet, or stopped: the page says there is no reading
      .finally(() => (scraping = false));
  };
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
  /** The folder judged: the last view and the final view (report.html's), sent to every page. */
  const judge = (): boolean => {
    let judged: ReturnType<typeof finalOf>;
    try {
      judged = finalOf(options.runDir, options.targets, state);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return false; // verdict.json or run.json being written: read them again next second
    }
    if (!judged) return false;
    view = judged.view;
    latest = updateMessage(view);
    broadcast(latest, true);
    final = judged.final;
    sendFinal();
    return true;
  };
  let reading = false;
  const tick = async (): Promise<void> => {
    if (reading || final) return;
    reading = true;
    try {
      readExchange();
      const grew = await state.read();
      if (grew || latest === '') {
        view = state.view(options.executor);
        latest = updateMessage(view);
        broadcast(latest);
      }
      if (options.finishWhenJudged && state.ended) judge();
    } finally {
      reading = false;
    }
  };

  const server = createServer((request, response) => serve(request, response));
  let port = options.address.port;
  const hostAllowed = (host: string | undefined): boolean => host === `${options.address.host}:${port}` || host === `localhost:${port}`;
  function serve(request: IncomingMessage, response: ServerResponse): void {
    // Only pages this machine opened by its loopback name: a web page elsewhere cannot reach this server by rebinding a DNS name to 127.0.0.1.
    if (!hostAllowed(request.headers.host))
      return void response.writeHead(403, { 'content-type': 'text/plain' }).end(`Open http://${options.address.host}:${port}/\n`);
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/') {
      const html = renderLivePage({ runId: options.runId, profile: options.profile, update: view, ...(final ? { final } : {}), library: readChartLibrary() });
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
    response
      .writeHead(404, { 'content-type': 'application/json' })
      .end(`${JSON.stringify({ error: `no ${path} here: the live page is /, its events /events` })}\n`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new UsageError(
              `--watch ${options.address.port}`,
              'a port free to listen on',
              `Port ${options.address.port} on ${options.address.host} is ${error.code === 'EADDRINUSE' ? 'in use' : 'not allowed'}: give another, or 0 for a free one.`,
            )
          : error,
      ),
    );
    server.listen(port, options.address.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  await tick();
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000);
  let finished = false;
  return {
    url: `http://${options.address.host}:${port}/`,
    async finish() {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      // A read or a reading of the exchange under way ends first (a reading takes at most 900 ms).
      for (let i = 0; (reading || scraping) && i < 100; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      if (!final) {
        await state.read();
        if (!judge()) broadcast(updateMessage(state.view(options.executor)), true);
      }
      for (const client of clients) client.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
