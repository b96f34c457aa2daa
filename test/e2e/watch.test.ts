// The live page of a real run (`harness run --watch 0`), opened in headless Chromium (Debian's, via playwright-core)
// while the load runs: charts painted and the request count growing between two reads a few seconds apart, the
// exchange's figures and the per-route table live, then the verdict of verdict.json once the run ends, no request
// beyond the page's own origin, no page error. report.html is that page frozen: every chart's data, the totals, the
// tables and the sections read from both pages are the same. Then `harness watch --run` on the finished folder shows
// the same end state. Leaves watch.png in the run folder.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { verdictStatus, type Verdict } from '../../verdict/verdict.ts';
import { useHeadlessChromium } from '../report/headlessChromium.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-watch-'));
const browser = useHeadlessChromium();

interface LiveFacts {
  requests: number;
  seconds: number;
  status: string | null;
  drawn: string[];
  /** Per chart drawn: pixels painted in the colours of its measured series (not the axes, not the planned line). */
  painted: Record<string, number>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the page's globals: the test's tsconfig has no DOM types */
// Functions, not strings: the page's CSP forbids eval, which Playwright needs for a string expression. Each is sent
// to the page as its source alone, so each holds all it uses.
const requestsSeen = (): boolean =>
  Number((globalThis as any).document.getElementById('live-stats').getAttribute('data-requests')) > 0 && ((globalThis as any).reportCharts ?? []).length >= 3;
const secondsReach = (until: number): boolean => Number((globalThis as any).document.getElementById('live-stats').getAttribute('data-seconds')) >= until;
const judged = (): boolean =>
  (globalThis as any).document.getElementById('verdict').getAttribute('data-status') !== 'RUNNING' && ((globalThis as any).reportCharts ?? []).length >= 3;

function inPage(): LiveFacts {
  const rgb = (hex: string): number[] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const painted: Record<string, number> = {};
  const charts: any[] = (globalThis as any).reportCharts ?? [];
  const document = (globalThis as any).document;
  for (const chart of charts) {
    const canvas = document.querySelector(`[data-chart="${chart.id}"] canvas`);
    if (!canvas || canvas.width === 0) {
      painted[chart.id] = 0;
      continue;
    }
    const data: Uint8ClampedArray = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = chart.series.filter((s: any) => !s.reference).map((s: any) => rgb(s.stroke));
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3]! > 200 && colours.some(([r, g, b]: number[]) => Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 60))
        n++;
    painted[chart.id] = n;
  }
  const stats = document.getElementById('live-stats');
  return {
    requests: Number(stats.getAttribute('data-requests')),
    seconds: Number(stats.getAttribute('data-seconds')),
    status: document.getElementById('verdict').getAttribute('data-status'),
    drawn: charts.map((c) => c.id),
    painted,
  };
}

async function openLive(url: string): Promise<{ page: Page; errors: string[]; foreign: string[]; close: () => Promise<void> }> {
  const context = await browser().newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== new URL(url).origin) foreign.push(r.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, foreign, close: () => context.close() };
}

const facts = (page: Page): Promise<LiveFacts> => page.evaluate(inPage);

/** What a run page holds: every drawn chart's data as drawn (x, then each series), the line over the charts, its tables and sections. */
interface PageState {
  charts: Record<string, (number | null)[][]>;
  html: Record<string, string>;
  banner: string;
  headline: string[];
}

function stateInPage(): PageState {
  const w = globalThis as any;
  const document = w.document;
  const charts: Record<string, (number | null)[][]> = {};
  for (const c of w.reportCharts ?? []) {
    const data = w.reportChartData(c.id);
    if (data && data[0].length > 0) charts[c.id] = data.map((column: ArrayLike<number | null>) => Array.from(column));
  }
  const html: Record<string, string> = {};
  for (const id of ['live-stats', 'run-requests', 'final-findings', 'final-context', 'final-analyses']) html[id] = document.getElementById(id).innerHTML;
  return {
    charts,
    html,
    banner: document.getElementById('verdict').textContent,
    headline: [...document.querySelectorAll('#headline li')].map((li: any) => li.textContent),
  };
}

describe('the live page of a run in a browser', () => {
  it('draws the load as it runs, then shows the verdict of verdict.json; harness watch shows the same folder', async () => {
    let announce: (url: string) => void = () => undefined;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const run = runHarness(['run', 'load', '--scale', '0.0004', '--duration', '20s', '--prometheus', 'off', '--watch', '0', '--results', resultsDir], {
      timeoutMs: 180_000,
      onStdout: (text) => {
        const url = /watch: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text)?.[1];
        if (url) announce(url);
      },
    });
    const url = await Promise.race([announced, run.then((r) => Promise.reject(new Error(`the run ended without a watch URL:\n${r.stdout}\n${r.stderr}`)))]);
    const live = await openLive(url);
    // Two reads at least three seconds of load apart, by the page's own clock (the seconds of load it has been sent).
    await live.page.waitForFunction(requestsSeen, undefined, { timeout: 60_000 });
    const first = await facts(live.page);
    await live.page.waitForFunction(secondsReach, first.seconds + 3, { timeout: 30_000 });
    const second = await facts(live.page);
    expect(first.status).toBe('RUNNING');
    expect(second.requests).toBeGreaterThan(first.requests);
    expect(second.drawn).toEqual(expect.arrayContaining(['arrival', 'throughput', 'latency', 'vus']));
    for (const id of ['arrival', 'throughput', 'latency', 'vus']) expect(second.painted[id], `${id} painted`).toBeGreaterThan(40);
    // The exchange's own figures, read from its /metrics while the run is under way, and the requests per route.
    expect(second.drawn).toEqual(expect.arrayContaining(['exchange-outbox', 'exchange-outbox-age', 'exchange-enrollments', 'memory', 'event-loop']));
    expect(await live.page.locator('#run-requests tbody tr').count()).toBeGreaterThan(1);

    await live.page.waitForFunction(judged, undefined, { timeout: 150_000 });
    const result = await run;
    expect(result.stderr).not.toMatch(/internal error/);
    const runId = /· run (\S+)/.exec(result.stdout)?.[1];
    expect(runId, result.stdout + result.stderr).toBeTruthy();
    const runDir = join(resultsDir, runId!);
    const verdict = JSON.parse(readFileSync(runFile(runDir, 'verdict'), 'utf8')) as Verdict;
    expect(result.code).toBe(verdict.pass ? 0 : 1);
    const end = await facts(live.page);
    expect(end.status).toBe(verdictStatus(verdict));
    expect(end.requests).toBeGreaterThanOrEqual(second.requests);
    expect(await live.page.locator('#headline li').count()).toBeGreaterThan(0);
    await live.page.screenshot({ path: runFile(runDir, 'watchScreenshot'), fullPage: true });
    expect(statSync(runFile(runDir, 'watchScreenshot')).size).toBeGreaterThan(10_000);
    expect(live.errors).toEqual([]);
    expect(live.foreign).toEqual([]);
    // report.html is the live page frozen: the same data in every chart, the same totals, tables and sections.
    const atEnd = await live.page.evaluate(stateInPage);
    await live.close();
    const report = await openLive(pathToFileURL(runFile(runDir, 'report')).href);
    await report.page.waitForFunction(() => 'reportCharts' in globalThis, undefined, { timeout: 10_000 });
    const frozen = await report.page.evaluate(stateInPage);
    expect(report.errors).toEqual([]);
    expect(report.foreign).toEqual([]);
    await report.close();
    expect(Object.keys(frozen.charts).sort()).toEqual(Object.keys(atEnd.charts).sort());
    expect(Object.keys(frozen.charts)).toEqual(expect.arrayContaining(['throughput', 'latency', 'exchange-outbox', 'memory', 'outbox', 'delivery']));
    for (const id of Object.keys(atEnd.charts)) expect(frozen.charts[id], id).toEqual(atEnd.charts[id]);
    expect(frozen.charts.throughput![1]!.reduce((a, b) => a! + b!, 0)).toBe(end.requests);
    expect(frozen.html).toEqual(atEnd.html);
    expect(frozen.banner).toBe(atEnd.banner);
    expect(frozen.headline).toEqual(atEnd.headline);

    // `harness watch` on the finished folder: the same totals and the same verdict, straight away.
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.mjs'), 'watch', '--run', runDir, '--port', '0'], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const watchUrl = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const found = /watch: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
          if (found) resolve(found);
        });
        child.on('exit', (code) => reject(new Error(`harness watch exited ${code}: ${out}`)));
      });
      const again = await openLive(watchUrl);
      await again.page.waitForFunction(judged, undefined, { timeout: 30_000 });
      const replay = await facts(again.page);
      expect(replay.status).toBe(verdictStatus(verdict));
      expect(replay.requests).toBe(end.requests);
      expect(replay.painted.throughput).toBeGreaterThan(40);
      // Aggregates only: no SSN the insurer stored appears on the page (whole numbers, as the report test checks).
      const html = await again.page.content();
      const stored = readFileSync(runFile(runDir, 'insurerRecords'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { ssn: string }).ssn);
      expect(stored.length).toBeGreaterThan(0);
      for (const ssn of stored) expect(html).not.toMatch(new RegExp(`(?<![0-9])${ssn}(?![0-9])`));
      expect(again.errors).toEqual([]);
      await again.close();
    } finally {
      child.kill('SIGINT');
    }
  }, 240_000);
});
