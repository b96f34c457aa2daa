// The nemesis in the report: its events in a table, and each one as a band on the charts over time.

import { describe, expect, it } from 'vitest';
import type { ChartSpec, ReportChart } from '../../report/chart.ts';
import { nemesisMarks, nemesisSection, withNemesisMarks, type NemesisView } from '../../report/nemesisSection.ts';

const view: NemesisView = {
  spec: 'kill-exchange@4s:1s,pause-insurer@9s:3s',
  events: [
    {
      kind: 'kill-exchange',
      at: '2026-01-01T00:00:05.000Z',
      atMs: 4_000,
      holdMs: 1_000,
      outageMs: 2_500,
      recoveredAt: '2026-01-01T00:00:07.500Z',
      pidBefore: 101,
      pidAfter: 202,
      load: { requests: 40, failed: 12, slowestMs: 80 },
    },
    {
      kind: 'pause-insurer',
      at: '2026-01-01T00:00:10.000Z',
      atMs: 9_000,
      holdMs: 3_000,
      outageMs: 3_000,
      recoveredAt: '2026-01-01T00:00:13.000Z',
      pidBefore: 303,
      pidAfter: 303,
      load: { requests: 60, failed: 0, slowestMs: 20 },
    },
  ],
  notReached: [{ kind: 'kill-insurer', atMs: 99_000, once: true }],
  during: { requests: 100, failed: 12 },
  outside: { requests: 900, failed: 1 },
};

const chart = (id: string, xAxis: ChartSpec['xAxis']): ReportChart => ({
  kind: 'chart',
  id,
  title: id,
  caption: '',
  xAxis,
  yLabel: 'n',
  x: [0, 1],
  series: [],
});

describe('the nemesis in the report', () => {
  it('marks each event from its signal to its recovery, in seconds since the run started', () => {
    expect(nemesisMarks(view, Date.parse('2026-01-01T00:00:01.000Z'))).toEqual([
      { from: 4, to: 6.5, label: 'kill-exchange' },
      { from: 9, to: 12, label: 'pause-insurer' },
    ]);
  });

  it('puts the marks on the charts over time only', () => {
    const marks = nemesisMarks(view, Date.parse('2026-01-01T00:00:01.000Z'));
    const charts = withNemesisMarks(
      [chart('throughput', 'elapsed'), chart('tail', 'tail'), { kind: 'absent', id: 'gone', title: 'gone', reason: 'none' }],
      marks,
    );
    expect(charts.map((c) => (c.kind === 'chart' ? (c.marks ?? []).length : 'absent'))).toEqual([2, 0, 'absent']);
  });

  it('lists every event with its pids, outage and what the load saw, and an event never reached', () => {
    const html = nemesisSection(view);
    expect(html).toContain('id="nemesis"');
    expect(html).toContain('<td>101 → 202</td>');
    expect(html).toContain('<td>303</td>');
    expect(html).toContain('<td>12 of 40</td>');
    expect(html).toContain('<td>2.5 s</td>');
    expect(html).toMatch(/during the windows: 12 of 100 .*outside them: 1 of 900/);
    expect(html).toContain('Never reached (the load ended first): kill-insurer@99s');
  });
});
