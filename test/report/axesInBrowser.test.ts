// The axes as Chromium draws them (Debian's, via playwright-core, network cut off): uPlot paints tick labels on a
// canvas, so the chart script records the labels it returned for each axis, and this reads them. Short runs label
// seconds without a stray point ("2. s"), whole-number axes have no "0.0", units follow the series, and the compare
// view's percentile axis spreads p99 and p99.9 apart.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { useHeadlessChromium } from './headlessChromium.ts';
import { describe, expect, it } from 'vitest';
import { chart, type ReportChart } from '../../report/chart.ts';
import { distributionChart } from '../../report/compareReport.ts';
import { LiveExchange, liveExchangeCharts } from '../../report/liveExchange.ts';
import { chartSlot, page } from '../../report/html.ts';
import { readChartLibrary } from '../../scripts/report/chartLibrary.ts';
import { drawnAxes, expectReadableTicks, type DrawnAxes } from './axisLabels.ts';

const browser = useHeadlessChromium();

async function drawn(charts: ReportChart[]): Promise<DrawnAxes[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'harness-axes-')), 'axes.html');
  writeFileSync(file, page({ title: 'axes', body: charts.map(chartSlot).join('\n'), charts, library: readChartLibrary() }));
  const context = await browser().newContext({ viewport: { width: 1100, height: 900 } });
  await context.route('**/*', (route) => (route.request().url() === pathToFileURL(file).href ? route.continue() : route.abort()));
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await tab.waitForFunction('"reportCharts" in window', undefined, { timeout: 10_000 });
  const axes = await drawnAxes(tab);
  await context.close();
  expect(errors).toEqual([]);
  return axes;
}

const seconds = Array.from({ length: 31 }, (_, i) => i);
// Bytes a little above 100 MiB, lag a few milliseconds, given in seconds: what exchange-metrics.ndjson holds.
const exchange = new LiveExchange();
for (const t of seconds) exchange.push(t, { rssBytes: (100 + t) * 1024 ** 2, eventLoopLagP99Seconds: 0.002 + t / 10_000 });
const samples = Float64Array.from({ length: 20_000 }, (_, i) => 10 + (i % 1000) / 10 + (i % 1000 === 999 ? 900 : 0));

describe('report axes in a browser', () => {
  it('labels ticks without stray points or needless decimals, in the units of the series, and spreads the tail', async () => {
    const charts = [
      // A nemesis event marked as a band (report/nemesisSection.ts): drawn by the draw hook without a page error.
      chart(
        {
          id: 'vus',
          title: 'VUs',
          caption: '',
          xAxis: 'elapsed',
          yLabel: 'VUs',
          x: seconds,
          series: [{ label: 'VUs', values: seconds.map((t) => Math.min(20, t)) }],
          marks: [{ from: 5, to: 8, label: 'kill-exchange' }],
        },
        'none',
      ),
      ...liveExchangeCharts(exchange, 0, 'from here', 'none').filter((c) => c.kind === 'chart'),
      distributionChart('compare-requests', 'Requests', [samples], [samples]),
    ];
    const axes = await drawn(charts);
    expect(axes.map((a) => a.id)).toEqual(['vus', 'memory', 'event-loop', 'compare-requests']);
    for (const a of axes) expectReadableTicks(a);
    const byId = new Map(axes.map((a) => [a.id, a]));
    expect(byId.get('vus')!.ticks.x).toContain('10 s');
    expect(byId.get('vus')!.marks).toEqual(['kill-exchange']);
    expect(byId.get('memory')!.marks).toEqual([]);
    // Before: the zero tick read "0.0" (toPrecision of 0) among 5, 10, 15, 20.
    expect(byId.get('vus')!.ticks.y[0]).toBe('0');
    expect(byId.get('vus')!.ticks.y).toContain('20');
    expect(byId.get('memory')!.yLabel).toBe('MiB');
    expect(
      byId
        .get('memory')!
        .ticks.y.map(Number)
        .filter((v) => v >= 100 && v <= 130).length,
    ).toBeGreaterThan(1);
    expect(byId.get('event-loop')!.yLabel).toBe('ms');
    expect(
      byId
        .get('event-loop')!
        .ticks.y.map(Number)
        .some((v) => v >= 2 && v <= 5),
    ).toBe(true);
    const tail = byId.get('compare-requests')!;
    expect(tail.ticks.x).toEqual(expect.arrayContaining(['p50', 'p90', 'p99', 'p99.9']));
    const at = (label: string): number => tail.ticks.xAt[tail.ticks.x.indexOf(label)]!;
    // On a linear axis p99 to p99.9 is 0.9 % of the width; here a decade of 1 − p each.
    expect(at('p99.9') - at('p99')).toBeGreaterThan(tail.width * 0.15);
    expect(at('p99') - at('p90')).toBeCloseTo(at('p99.9') - at('p99'), 0);
  }, 60_000);
});
