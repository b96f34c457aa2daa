// A one-hour run's report stays under 5 MB: its per-second series are kept in the run page's bounded stores and
// downsampled again before they go into the page. Rendered from a run folder by writeRunReport, as `harness report` does.

import { describe, expect, it } from 'vitest';
import { MAX_CHART_POINTS, type ChartSpec } from '../../report/chart.ts';
import { LIVE_CHART_POINTS } from '../../report/liveCharts.ts';
import { oneHourReport } from '../../bench/fixtures/oneHourRun.ts';

const FIVE_MB = 5 * 1024 * 1024;

function chartsOf(html: string): ChartSpec[] {
  const json = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error('no chart data in the page');
  return JSON.parse(json) as ChartSpec[];
}

describe('the report of a one-hour run', () => {
  it('is under 5 MB with every chart drawn and every series downsampled', async () => {
    const html = await oneHourReport();
    const bytes = Buffer.byteLength(html);
    expect(bytes).toBeLessThan(FIVE_MB);
    const charts = chartsOf(html);
    expect(charts.map((c) => c.id).sort()).toEqual([
      'arrival',
      'delivery',
      'errors',
      'event-loop',
      'exchange-delivery',
      'exchange-enrollments',
      'exchange-outbox',
      'exchange-outbox-age',
      'exchange-waiting-room',
      'latency',
      'memory',
      'outbox',
      'throughput',
      'vus',
      'waiting-length',
      'waiting-wait',
    ]);
    for (const chart of charts) {
      expect(chart.x.length, chart.id).toBeLessThanOrEqual(MAX_CHART_POINTS);
      // An hour of seconds (3,600) had to be cut down to the points the live page is sent, and was.
      if (chart.id !== 'delivery' && chart.id !== 'outbox') {
        expect(chart.x.length, chart.id).toBeLessThanOrEqual(LIVE_CHART_POINTS);
        expect(chart.x.length, chart.id).toBeGreaterThan(LIVE_CHART_POINTS / 2);
      }
      for (const s of chart.series) expect(s.values, `${chart.id} ${s.label}`).toHaveLength(chart.x.length);
    }
    // The one slow request in a thousand (2 s) still shows in the p99 after downsampling.
    const latency = charts.find((c) => c.id === 'latency')!;
    expect(Math.max(...(latency.series.find((s) => s.label === 'p99')!.values as number[]))).toBeGreaterThan(1000);
  }, 60_000);
});
