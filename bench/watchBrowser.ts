// The live page's memory in a browser over a one-hour run: Debian's Chromium (headless, through playwright-core) opens
// the page from a loopback server that sends it the hour's 3,600 updates (the same messages the watch server sends,
// built as bench/watchRun.ts builds them), in bursts of a minute's updates, each burst waited for until the page has
// drawn its last second. The page's JavaScript heap after a forced garbage collection is read over the Chrome DevTools
// Protocol after the first minute and at the end: flat means the page keeps no more than the server's bounded store.

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderLivePage, updateMessage } from '../report/livePage.ts';
import { readChartLibrary } from '../scripts/report/chartLibrary.ts';
import { findChromium } from '../scripts/tools/chromium.ts';
import type { Figures } from './figures.ts';
import { syntheticWatchRun, WATCH_EXECUTOR, WATCH_HOUR } from './watchRun.ts';

/** The page's document, typed as much as this file needs (the project compiles without the DOM's types). */
interface PageGlobals {
  document: { getElementById(id: string): { getAttribute(name: string): string | null } | null };
}

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Heap figures of the page, or why they could not be measured (no Chromium here). */
export async function benchWatchBrowser(): Promise<Figures> {
  const chromiumBinary = findChromium();
  if (!chromiumBinary)
    return { 'watch, one-hour run: page memory in Chromium': { value: 0, unit: 'not measured: no Chromium (node bin/harness.mjs setup --chromium)' } };
  const run = syntheticWatchRun();
  const first = updateMessage(run.state.view(WATCH_EXECUTOR));
  let events: ServerResponse | undefined;
  let connected: () => void = () => {};
  const eventsOpen = new Promise<void>((resolve) => (connected = resolve));
  const server = createServer((request, response) => {
    if (request.url === '/') {
      const html = renderLivePage({ runId: 'bench', profile: 'soak', update: run.state.view(WATCH_EXECUTOR), library: readChartLibrary() });
      return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    }
    if (request.url === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(first);
      events = response;
      return void connected();
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumBinary.path, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    const heap = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    await page.goto(`http://127.0.0.1:${port}/`);
    await eventsOpen;
    const atStart = await heap();
    let afterMinute = 0;
    for (let i = 0; i < WATCH_HOUR; i++) {
      const message = await run.step();
      if (message === undefined) break;
      events!.write(message);
      if ((i + 1) % 60 === 0 || i === WATCH_HOUR - 1) {
        const seconds = i + 1;
        // Runs in the page (serialised, so it names nothing of this module's).
        await page.waitForFunction(
          (s) => Number((globalThis as unknown as PageGlobals).document.getElementById('live-stats')?.getAttribute('data-seconds')) >= s,
          seconds,
          { timeout: 60_000 },
        );
        if (i + 1 === 60) afterMinute = await heap();
      }
    }
    const atEnd = await heap();
    return {
      'watch, one-hour run: page JS heap at the start': { value: mib(atStart), unit: 'MiB (Chromium, after GC)' },
      'watch, one-hour run: page JS heap after the first minute': { value: mib(afterMinute), unit: 'MiB' },
      'watch, one-hour run: page JS heap after the hour': { value: mib(atEnd), unit: 'MiB' },
      'watch, one-hour run: page heap, hour / first minute': { value: Math.round((atEnd / afterMinute) * 100) / 100, unit: 'ratio (flat ≈ 1)' },
    };
  } finally {
    events?.end();
    run.close();
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
