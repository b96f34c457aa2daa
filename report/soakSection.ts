// The soak section of a soak run's report: each judged series (windowed p95, exchange memory and lag) over the run
// with its Theil–Sen trend line after the warm-up, and the flat / drifting table `harness soak` prints.

import type { SeriesPoint, SoakResult } from '../analysis/soak.ts';
import { chart, type ReportChart } from './chart.ts';
import { unitOfName } from './units.ts';
import { chartSlot, escapeHtml, fmt, section, table } from './html.ts';

export interface SoakView {
  /** `unit`: what the series' values are in (MiB, ms, s); when absent, the unit its name declares, if any. */
  results: (SoakResult & { series: string; unit?: string })[];
  series: Map<string, SeriesPoint[]>;
  windows: { windowSeconds: number; warmupSeconds: number };
  notes: string[];
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function soakCharts(view: SoakView): ReportChart[] {
  return view.results.map((r) => {
    const points = [...(view.series.get(r.series) ?? [])].sort((a, b) => a.t - b.t);
    const trend = Number.isFinite(r.intercept);
    const unit = r.unit ?? unitOfName(r.series);
    const axis = unit === undefined ? { yLabel: r.series } : {};
    const declared = unit === undefined ? {} : { unit };
    return chart(
      {
        id: `soak-${slug(r.series)}`,
        title: `Soak: ${r.series}`,
        caption: `${r.verdict === 'drifting' ? `DRIFTING ${r.direction}` : r.verdict}: ${r.slopePerHour >= 0 ? '+' : ''}${fmt(r.slopePerHour)} an hour (Theil–Sen, dashed after the ${view.windows.warmupSeconds} s warm-up), ${fmt(r.projected)} projected at 8 hours.`,
        xAxis: 'elapsed',
        ...axis,
        x: points.map((p) => p.t),
        series: [
          { label: r.series, values: points.map((p) => p.value), ...declared },
          ...(trend
            ? [
                {
                  label: 'trend',
                  values: points.map((p) => (p.t >= view.windows.warmupSeconds ? r.intercept + (r.slopePerHour / 3600) * p.t : null)),
                  reference: true,
                  ...declared,
                },
              ]
            : []),
        ],
      },
      `The run kept no points for ${r.series}.`,
    );
  });
}

export function soakSection(view: SoakView | { absent: string }, charts: readonly ReportChart[]): string {
  if ('absent' in view) return section('soak', 'Soak', `<p class="note">${escapeHtml(view.absent)}</p>`);
  const drifting = view.results.filter((r) => r.verdict === 'drifting');
  const rows = view.results.map((r) => [
    r.verdict === 'drifting' ? `DRIFTING ${r.direction}` : r.verdict,
    r.series,
    fmt(r.level),
    `${r.slopePerHour >= 0 ? '+' : ''}${fmt(r.slopePerHour)}/h`,
    fmt(r.projected),
    r.trend ? r.trend.pValue.toExponential(1) : '–',
    r.points,
  ]);
  const headline = drifting.length > 0 ? `DRIFTING — ${drifting.map((r) => r.series).join(', ')}` : 'FLAT';
  return section(
    'soak',
    'Soak',
    `<p>Windows of ${view.windows.windowSeconds} s after a ${view.windows.warmupSeconds} s warm-up: <strong class="${drifting.length > 0 ? 'drift' : ''}">${escapeHtml(headline)}</strong></p>\n` +
      table(['', 'series', 'level', 'slope', 'at 8 h', 'Mann–Kendall p', 'windows'], rows, (i) => (view.results[i]!.verdict === 'drifting' ? 'fail' : 'pass')) +
      view.notes.map((n) => `<p class="note">note: ${escapeHtml(n)}</p>`).join('') +
      charts.map(chartSlot).join('\n'),
  );
}
