// Soak verdict for one series (memory, event-loop lag, windowed p95): after a warm-up, is it flat or drifting?
// Drifting needs both a significant Mann–Kendall trend and a Theil–Sen slope that moves the value by at least a
// minimum share of its level over the projection horizon (8 hours), so a tiny but steady creep is not an alarm.

import { median } from 'simple-statistics';
import { mannKendall, theilSen, type MannKendallResult } from './trend.ts';

export interface SeriesPoint {
  /** Seconds since the run started. */
  t: number;
  value: number;
}

export interface SoakOptions {
  warmupSeconds: number;
  /** Significance level of the trend test. */
  alpha?: number;
  /** Smallest change over the horizon, as a share of the post-warm-up median, that counts as drift. */
  minRelativeChange?: number;
  horizonSeconds?: number;
  /** Fewer points than this after the warm-up: too short to judge. */
  minPoints?: number;
}

export interface SoakResult {
  verdict: 'flat' | 'drifting' | 'too short';
  direction: 'up' | 'down' | 'none';
  points: number;
  /** Theil–Sen slope in units per hour. */
  slopePerHour: number;
  /** The Theil–Sen line's value at t = 0 (the trend line is intercept + slopePerHour · t / 3600); NaN when too short. */
  intercept: number;
  level: number;
  /** Value the trend line reaches at `horizonSeconds` after the start of the run. */
  projected: number;
  horizonSeconds: number;
  trend: MannKendallResult | undefined;
}

export const EIGHT_HOURS = 8 * 3600;

export function soakVerdict(series: readonly SeriesPoint[], options: SoakOptions): SoakResult {
  const alpha = options.alpha ?? 0.05;
  const minRelativeChange = options.minRelativeChange ?? 0.1;
  const horizonSeconds = options.horizonSeconds ?? EIGHT_HOURS;
  const kept = [...series].filter((p) => p.t >= options.warmupSeconds).sort((a, b) => a.t - b.t);
  const values = kept.map((p) => p.value);
  const base = { points: kept.length, horizonSeconds };
  if (kept.length < (options.minPoints ?? 8)) {
    const level = values.length > 0 ? median(values) : NaN;
    return { ...base, verdict: 'too short', direction: 'none', slopePerHour: 0, intercept: NaN, level, projected: level, trend: undefined };
  }
  const trend = mannKendall(values);
  const line = theilSen(
    kept.map((p) => p.t),
    values,
  );
  const level = median(values);
  // Memory, latency and lag cannot go below zero: a falling trend projects to the floor, not past it.
  const unprojected = line.intercept + line.slope * horizonSeconds;
  const projected = values.every((v) => v >= 0) ? Math.max(0, unprojected) : unprojected;
  const change = Math.abs(line.slope * (horizonSeconds - kept[0]!.t));
  const material = change >= minRelativeChange * Math.abs(level) && line.slope !== 0;
  const drifting = trend.pValue < alpha && material;
  return {
    ...base,
    verdict: drifting ? 'drifting' : 'flat',
    direction: drifting ? (line.slope > 0 ? 'up' : 'down') : 'none',
    slopePerHour: line.slope * 3600,
    intercept: line.intercept,
    level,
    projected,
    trend,
  };
}
