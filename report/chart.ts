// What the report hands its charting code: one chart per spec, x in seconds since the run started (or any number
// for non-time charts), every series aligned on it and already downsampled. A series the run folder does not hold
// becomes an `absent` note that says why, never an empty chart.

import { downsampleAligned, type Y } from './downsample.ts';
import { displayUnit } from './units.ts';

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
  /**
   * What the values are measured in (bytes, s, ms, … see report/units.ts). The y-axis label comes from it, and the
   * values are scaled to the unit shown (bytes as MiB); every series of a chart that declares one declares the same.
   */
  unit?: string;
}

export interface ChartSpec {
  kind: 'chart';
  id: string;
  title: string;
  /** What the chart shows and where its data came from. */
  caption: string;
  /**
   * 'elapsed': x is seconds since the start, shown as minutes:seconds; 'number': plain numbers; 'tail': x is a
   * percentile's position on a log scale of 1 − p (tailPosition), shown as p50, p90, p99, p99.9.
   */
  xAxis: 'elapsed' | 'number' | 'tail';
  xLabel?: string;
  /** The y-axis label: the unit the series declare, as shown; or, for series of no declared unit, what they count. */
  yLabel: string;
  x: number[];
  series: ChartSeries[];
  /** Spans of x to mark on the chart (a nemesis event: from its signal to its recovery), drawn as a shaded band with its label. */
  marks?: ChartMark[];
}

export interface ChartMark {
  from: number;
  to: number;
  label: string;
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

/** What a chart is made from: a `yLabel`, or series that declare their `unit` (never both). */
export type ChartInput = Omit<ChartSpec, 'kind' | 'yLabel'> & { yLabel?: string };

/** The position of percentile `p` (0–100) on a 'tail' axis: −log10(1 − p/100), so p90 is 1, p99 2, p99.9 3. */
export const tailPosition = (p: number): number => -Math.log10(1 - p / 100);

/**
 * The y-axis of `spec`: the unit its series declare, shown at a size that fits their values, with the factor that
 * scales them to it; or its own yLabel when no series declares a unit.
 */
export function yAxisOf(spec: ChartInput): { label: string; factor: number } {
  const units = [...new Set(spec.series.flatMap((s) => (s.unit === undefined ? [] : [s.unit])))];
  if (units.length === 0) {
    if (spec.yLabel === undefined) throw new Error(`chart ${spec.id}: give a yLabel or a unit on its series`);
    return { label: spec.yLabel, factor: 1 };
  }
  if (units.length > 1) throw new Error(`chart ${spec.id}: its series declare different units (${units.join(', ')}); one axis shows one unit`);
  if (spec.yLabel !== undefined) throw new Error(`chart ${spec.id}: yLabel "${spec.yLabel}" beside series in ${units[0]}: the label comes from the unit`);
  const shown = displayUnit(
    units[0]!,
    spec.series.flatMap((s) => s.values),
  );
  return { label: shown.label, factor: shown.factor };
}

/** A chart with its series downsampled to `maxPoints`; absent when no series holds a single finite value. */
export function chart(spec: ChartInput, whenEmpty: string, maxPoints = MAX_CHART_POINTS): ReportChart {
  const drawn = spec.series.filter((s) => !s.reference);
  if (spec.x.length === 0 || !drawn.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)))) return absent(spec.id, spec.title, whenEmpty);
  const y = yAxisOf(spec);
  // Scaled to the unit shown, kept to four decimals of it (bytes as MiB: 104.9042, not 104.9041748046875).
  const { x, ys } = downsampleAligned(
    { x: spec.x, ys: spec.series.map((s) => (y.factor === 1 ? s.values : s.values.map((v) => (v === null ? null : Math.round(v * y.factor * 1e4) / 1e4)))) },
    maxPoints,
  );
  return {
    kind: 'chart',
    ...spec,
    yLabel: y.label,
    x,
    series: spec.series.map((s, i) => ({ ...s, ...(s.unit === undefined ? {} : { unit: y.label }), values: ys[i]! })),
  };
}
