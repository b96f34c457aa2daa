// The report of a real run, opened in headless Chromium (Debian's, via playwright-core) with the network cut off:
// no console error, no request beyond the file, every chart drawn with data, the banner saying what verdict.json
// says. Leaves report.png beside report.html. `npm test` installs Chromium first (`harness setup --chromium`).

import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useHeadlessChromium } from '../report/headlessChromium.ts';
import { describe, expect, it } from 'vitest';
import { runFile } from '../../vocabulary/runFiles.ts';
import { verdictHeadline } from '../../verdict/render.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { expectReadableTicks, type DrawnAxes } from '../report/axisLabels.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-report-'));

interface DrawnChart extends DrawnAxes {
  series: { label: string; reference: boolean; stroke: string; points: number }[];
}

interface PageFacts {
  errors: string[];
  blocked: string[];
  banner: { text: string; pass: string | null };
  /** The masked SSNs the integrity examples show. */
  exampleSsns: string[];
  slots: string[];
  absent: string[];
  drawn: DrawnChart[];
  /** Per chart, per series: pixels of the canvas painted in that series' colour. */
  pixels: Record<string, number[]>;
}

/**
 * Run in the page (a string, as the test's tsconfig has no DOM types): what the chart script drew, and per chart and
 * series the canvas pixels painted in that series' colour — proof the line is on the canvas, not just the canvas.
 */
const IN_PAGE = `(() => {
  const drawn = window.reportCharts;
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const pixels = {};
  for (const chart of drawn) {
    const canvas = document.querySelector('[data-chart="' + chart.id + '"] canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) { pixels[chart.id] = chart.series.map(() => 0); continue; }
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    pixels[chart.id] = chart.series.map((s) => {
      const [r, g, b] = rgb(s.stroke);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 200 && Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) n++;
      return n;
    });
  }
  const banner = document.getElementById('verdict');
  return {
    banner: { text: banner.textContent, pass: banner.getAttribute('data-pass') },
    slots: [...document.querySelectorAll('[data-chart]')].map((e) => e.getAttribute('data-chart')),
    absent: [...document.querySelectorAll('[data-chart-absent]')].map((e) => e.getAttribute('data-chart-absent')),
    exampleSsns: [...document.querySelectorAll('#integrity td')].map((td) => td.textContent).filter((t) => /^\\*\\*\\*-/.test(t)),
    drawn,
    pixels,
  };
})()`;

const browser = useHeadlessChromium();

async function openReport(file: string, screenshot?: string): Promise<PageFacts> {
  const url = pathToFileURL(file).href;
  const context = await browser().newContext({ viewport: { width: 1100, height: 900 } });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    if (route.request().url() === url) return route.continue();
    blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction('"reportCharts" in window', undefined, { timeout: 10_000 });
  const facts = (await page.evaluate(IN_PAGE)) as Omit<PageFacts, 'errors' | 'blocked'>;
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
  await context.close();
  return { ...facts, errors, blocked };
}

function expectEveryChartDrawn(facts: PageFacts): void {
  expect(facts.errors).toEqual([]);
  expect(facts.blocked).toEqual([]);
  expect(facts.drawn.map((c) => c.id).sort()).toEqual([...facts.slots].sort());
  for (const chart of facts.drawn) {
    expectReadableTicks(chart);
    const measured = chart.series.map((s, i) => ({ ...s, pixels: facts.pixels[chart.id]![i]! })).filter((s) => !s.reference);
    expect(measured.length, chart.id).toBeGreaterThan(0);
    for (const s of measured) expect(s.points, `${chart.id}: ${s.label} points`).toBeGreaterThanOrEqual(2);
    // Lines on the same values overdraw each other (p95 under max), so the chart as a whole must show its colours.
    expect(
      measured.reduce((n, s) => n + s.pixels, 0),
      `${chart.id}: pixels in ${measured.map((s) => s.stroke).join(', ')}`,
    ).toBeGreaterThan(40);
  }
}

describe('the run report in a browser', () => {
  it('renders a real load run offline: no errors, every chart drawn, the verdict of verdict.json', async () => {
    // Garbled SSNs make the run fail with integrity examples, so the banner, the examples and their masking are real.
    // A run by time, not by count: 8 s of arrivals give every chart its points a second however fast the machine is
    // (a smoke run's few enrollments can end within one second, leaving a chart a single point).
    const run = await runHarness(['run', 'load', '--scale', '0.0004', '--duration', '8s', '--faults', 'backend.garble.ssn=0.5', '--results', resultsDir], {
      timeoutMs: 150_000,
    });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const runId = /· run (\S+)/.exec(run.stdout)?.[1];
    expect(runId, run.stdout + run.stderr).toBeTruthy();
    const runDir = join(resultsDir, runId!);
    expect(run.stdout).toContain('report.html');
    const verdict = JSON.parse(readFileSync(runFile(runDir, 'verdict'), 'utf8')) as Verdict;

    const facts = await openReport(runFile(runDir, 'report'), runFile(runDir, 'reportScreenshot'));
    expect(facts.banner).toEqual({ text: verdictHeadline(verdict), pass: String(verdict.pass) });
    expectEveryChartDrawn(facts);
    // A load run of a few seconds has the engine's series, the waiting room and the 834 deliveries, and with the run's own
    // Prometheus (npm test installs it) the exchange's gauges and resources.
    expect(facts.slots).toEqual(
      expect.arrayContaining(['arrival', 'throughput', 'latency', 'errors', 'vus', 'waiting-length', 'waiting-wait', 'outbox', 'delivery']),
    );
    expect(facts.slots).toEqual(expect.arrayContaining(['exchange-waiting-room', 'exchange-outbox', 'exchange-outbox-age', 'memory', 'event-loop']));
    // Axis units follow the series: the exchange's bytes as MiB (or GiB), its lag in seconds as ms (or s).
    expect(facts.drawn.find((c) => c.id === 'memory')?.yLabel).toMatch(/^(MiB|GiB)$/);
    expect(facts.drawn.find((c) => c.id === 'event-loop')?.yLabel).toMatch(/^(ms|s)$/);
    expect(statSync(runFile(runDir, 'reportScreenshot')).size).toBeGreaterThan(10_000);
    expect(verdict.pass).toBe(false);
    expect(facts.exampleSsns.length).toBeGreaterThan(0);
    for (const ssn of facts.exampleSsns) expect(ssn).toMatch(/^\*\*\*-\*\*-\d{4}$/);
    // summary.md outlives the run's Prometheus: where its data is kept, no dead loopback link.
    const summary = readFileSync(runFile(runDir, 'summary'), 'utf8');
    expect(summary).not.toMatch(/https?:\/\/127\.0\.0\.1/);
    expect(summary).toContain('prometheus/data');
    const html = readFileSync(runFile(runDir, 'report'), 'utf8');
    const stored = readFileSync(runFile(runDir, 'insurerRecords'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { ssn: string }).ssn);
    // Whole numbers only: a 9-digit SSN could sit by chance inside a long decimal of the chart data.
    for (const ssn of stored) expect(html).not.toMatch(new RegExp(`(?<![0-9])${ssn}(?![0-9])`));
    // The capacity headline and the integrity findings come before the charts; the requests per route and by phase are
    // the engine's own figures, connect times included.
    const at = (id: string): number => html.indexOf(`id="${id}"`);
    expect(at('headline')).toBeGreaterThan(at('verdict'));
    expect(at('integrity')).toBeGreaterThan(at('headline'));
    expect(at('timeline')).toBeGreaterThan(at('integrity'));
    expect(html).toMatch(/<li>users: tested \d+ of 50,000 users at once \(scale 0\.0004, think time cut from 30 s to [\d.]+ s\)<\/li>/);
    expect(summary).toMatch(/- users: tested \d+ of 50,000 users/);
    expect(html).toMatch(/<tr class="(pass|fail)"><td>POST \/api\/v1\/applications\/:id\/enrollments<\/td><td>[1-9]/);
    expect(html).toMatch(/<td>connecting \(each new connection\)<\/td><td>http_req_connecting<\/td><td>[1-9]/);

    // The compare view of the same run on both sides, re-rendered through the CLI.
    const out = join(runDir, 'compare-report.html');
    const compare = await runHarness(['report', '--compare', '--baseline', runDir, '--candidate', runDir, '--out', out]);
    expect(compare.code, compare.stdout + compare.stderr).toBe(0);
    const compared = await openReport(out);
    expect(compared.errors).toEqual([]);
    expectEveryChartDrawn(compared);
    expect(compared.slots).toEqual(['compare-requests', 'compare-journeys']);
    // The percentile axis is a log scale of 1 − p: the tail has its own ticks.
    for (const c of compared.drawn) expect(c.ticks.x).toEqual(expect.arrayContaining(['p50', 'p90', 'p99']));
  }, 240_000);
});
