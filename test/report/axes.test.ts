// Axis labels and units: the tick formatters the page uses (evaluated here from the very string the page inlines),
// the unit an axis shows for the unit its series declare, and the log "1 − p" position of the compare view.

import { describe, expect, it } from 'vitest';
import { chart, tailPosition, type ChartSpec } from '../../report/chart.ts';
import { CHART_SCRIPT, TICKS_SCRIPT } from '../../report/chartScript.ts';
import { LiveExchange, liveExchangeCharts } from '../../report/liveExchange.ts';
import { displayUnit, significant, unitOfName } from '../../report/units.ts';

interface Ticks {
  decimalsFor(step: number): number;
  ticks(splits: number[], step?: number, suffix?: string): string[];
  seconds(s: number): string;
  number(v: number): string;
  tailLabel(x: number): string;
  tailSplits(min: number, max: number): number[];
}

const ticks = new Function(`${TICKS_SCRIPT}; return reportTicks;`)() as Ticks;

describe('the page tick formatters', () => {
  it('keep the backslash of every regex: the script has no bare /.?0+$/', () => {
    expect(CHART_SCRIPT).not.toContain('/.?0+$/');
    expect(CHART_SCRIPT).toContain(String.raw`/\.?0+$/`);
    expect(ticks.seconds(2)).toBe('2 s');
    expect(ticks.seconds(7.5)).toBe('7.5 s');
    expect(ticks.seconds(20)).toBe('20 s');
    expect(ticks.number(2.5)).toBe('2.5');
    expect(ticks.number(30)).toBe('30');
  });

  it('give every tick of an axis the decimals its step needs', () => {
    expect(ticks.ticks([0, 5, 10, 15], 5)).toEqual(['0', '5', '10', '15']);
    expect(ticks.ticks([0, 0.5, 1, 1.5], 0.5)).toEqual(['0.0', '0.5', '1.0', '1.5']);
    expect(ticks.ticks([0, 0.25, 0.5], 0.25)).toEqual(['0.00', '0.25', '0.50']);
    expect(ticks.ticks([0, 2, 4, 6], 2, ' s')).toEqual(['0 s', '2 s', '4 s', '6 s']);
    expect(ticks.ticks([0.1 + 0.2, 0.6000000000000001], 0.30000000000000004)).toEqual(['0.3', '0.6']);
    expect(ticks.ticks([0, 10_000, 20_000], 10_000)).toEqual(['0k', '10k', '20k']);
    expect(ticks.ticks([0, 2500, 5000, 7500, 10_000], 2500)).toEqual(['0.0k', '2.5k', '5.0k', '7.5k', '10.0k']);
    // No step from uPlot: the smallest gap between splits.
    expect(ticks.ticks([1, 2, 3])).toEqual(['1', '2', '3']);
    expect(ticks.ticks([-1e-17, 1, 2], 1)).toEqual(['0', '1', '2']);
  });

  it('label a tail axis as percentiles, with ticks at p50, p90, p99 and p99.9', () => {
    expect([50, 90, 99, 99.9].map((p) => ticks.tailLabel(tailPosition(p)))).toEqual(['p50', 'p90', 'p99', 'p99.9']);
    expect(ticks.tailSplits(tailPosition(1), tailPosition(99.9)).map(ticks.tailLabel)).toEqual(['p50', 'p75', 'p90', 'p95', 'p99', 'p99.5', 'p99.9']);
    // Equal steps a decade apart: p90 to p99 as wide as p99 to p99.9.
    expect(tailPosition(99) - tailPosition(90)).toBeCloseTo(tailPosition(99.9) - tailPosition(99), 9);
  });
});

describe('axis units', () => {
  it('show a declared unit at a size that fits the values', () => {
    expect(displayUnit('bytes', [150 * 1024 ** 2, 300 * 1024 ** 2])).toEqual({ label: 'MiB', factor: 1 / 1024 ** 2 });
    expect(displayUnit('bytes', [3 * 1024 ** 3])).toEqual({ label: 'GiB', factor: 1 / 1024 ** 3 });
    expect(displayUnit('s', [0.002, 0.004])).toEqual({ label: 'ms', factor: 1000 });
    expect(displayUnit('s', [12, null])).toEqual({ label: 's', factor: 1 });
    expect(displayUnit('MiB', [80])).toEqual({ label: 'MiB', factor: 1 });
    expect(displayUnit('requests/s', [5])).toEqual({ label: 'requests/s', factor: 1 });
  });

  it('keep a measured figure to four significant digits, whatever its size', () => {
    expect([53.73849049360512, 0.09542300000000001, 20.999999999999996, 123_456_789, -0.00012346, 0, null].map((v) => significant(v))).toEqual([
      53.74,
      0.09542,
      21,
      123_500_000,
      -0.0001235,
      0,
      null,
    ]);
  });

  it('read the unit a metric name declares', () => {
    expect(['rssBytes', 'eventLoopLagP99Seconds', 'http_req_duration p95 (ms)', 'outboxDepth'].map(unitOfName)).toEqual(['bytes', 's', 'ms', undefined]);
  });

  it('label the exchange memory axis in MiB with values in MiB, and event-loop lag in ms with values in ms', () => {
    const live = new LiveExchange();
    live.push(0, { rssBytes: 200 * 1024 ** 2, heapUsedBytes: 50 * 1024 ** 2, eventLoopLagP99Seconds: 0.012 });
    live.push(1, { rssBytes: 210 * 1024 ** 2, heapUsedBytes: 60 * 1024 ** 2, eventLoopLagP99Seconds: 0.02 });
    const charts = liveExchangeCharts(live, 0, 'from here', 'none');
    const [memory, lag] = ['memory', 'event-loop'].map((id) => charts.find((c) => c.id === id)) as ChartSpec[];
    expect(memory!.yLabel).toBe('MiB');
    expect(memory!.series[0]!.values).toEqual([200, 210]);
    expect(lag!.yLabel).toBe('ms');
    expect(lag!.series[0]!.values[0]).toBeCloseTo(12, 9);
  });

  it('refuse a chart whose series declare different units, or a yLabel beside a declared unit', () => {
    const base = { id: 'c', title: 'C', caption: '', xAxis: 'elapsed' as const, x: [0, 1] };
    expect(() =>
      chart(
        {
          ...base,
          series: [
            { label: 'a', values: [1, 2], unit: 'bytes' },
            { label: 'b', values: [1, 2], unit: 's' },
          ],
        },
        'none',
      ),
    ).toThrow(/different units \(bytes, s\)/);
    expect(() => chart({ ...base, yLabel: 'MB', series: [{ label: 'a', values: [1, 2], unit: 'bytes' }] }, 'none')).toThrow(
      /yLabel "MB" beside series in bytes/,
    );
  });
});
