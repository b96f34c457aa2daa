// What the report hands its charting code: one chart per spec, x in seconds since the run started (or any number
// for non-time charts), every series aligned on it and already downsampled. A series the run folder does not hold
// becomes an `absent` note that says why, never an empty chart.

import { downsampleAligned, type Y } from './downsample.ts';

/** Points a series keeps in the page: ~1,200 pairs of min/max for an hour's per-second series. */
export const MAX_CHART_POINTS = 2400;

export interface ChartSeries {
  label: string;
  values: Y[];
  /** A reference line (a target, a fitted model), drawn dashed. */
  reference?: boolean;
  /** Drawn as points only (measured points beside a fitted curve). */
  pointsOnly?: boolean;
  /** Drawn wider, so a series drawn over it on the same values still lets it show (baseline under candidate). */
  wide?: boolean;
}

export interface ChartSpec {
  kind: 'chart';
  id: string;
  title: string;
  /** What the chart shows and where its data came from. */
  caption: string;
  /** 'elapsed': x is seconds since the start, shown as minutes:seconds; 'number': plain numbers. */
  xAxis: 'elapsed' | 'number';
  xLabel?: string;
  yLabel: string;
  x: number[];
  series: ChartSeries[];
}

export interface AbsentChart {
  kind: 'absent';
  id: string;
  title: string;
  /** Why the run folder has no data for it, and how to get it. */
  reason: string;
}

export type ReportChart = ChartSpec | AbsentChart;

export function absent(id: string, title: string, reason: string): AbsentChart {
  return { kind: 'absent', id, title, reason };
}

/** A chart with its series downsampled to `maxPoints`; absent when no series holds a single finite value. */
export function chart(spec: Omit<ChartSpec, 'kind'>, whenEmpty: string, maxPoints = MAX_CHART_POINTS): ReportChart {
  const drawn = spec.series.filter((s) => !s.reference);
  if (spec.x.length === 0 || !drawn.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)))) return absent(spec.id, spec.title, whenEmpty);
  const { x, ys } = downsampleAligned({ x: spec.x, ys: spec.series.map((s) => s.values) }, maxPoints);
  return { kind: 'chart', ...spec, x, series: spec.series.map((s, i) => ({ ...s, values: ys[i]! })) };
}
