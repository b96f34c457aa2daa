// Multi-window, multi-burn-rate alerting (Google SRE workbook, "Alerting on SLOs"): each long window is paired with
// a short one a twelfth as long, and the burn factor is derived from the share of a 30-day budget that window may spend.

export const SLO_PERIOD_SECONDS = 30 * 86_400;

export type Severity = 'page' | 'ticket';

export interface BurnRateWindow {
  severity: Severity;
  /** Share of the period's error budget spent when the long window alerts. */
  budgetSpent: number;
  longSeconds: number;
  shortSeconds: number;
  /** How many times faster than sustainable the budget burns: budgetSpent × period ÷ long window. */
  factor: number;
}

const POLICY: readonly Pick<BurnRateWindow, 'severity' | 'budgetSpent' | 'longSeconds'>[] = [
  { severity: 'page', budgetSpent: 0.02, longSeconds: 3_600 },
  { severity: 'page', budgetSpent: 0.05, longSeconds: 6 * 3_600 },
  { severity: 'ticket', budgetSpent: 0.1, longSeconds: 86_400 },
  { severity: 'ticket', budgetSpent: 0.1, longSeconds: 3 * 86_400 },
];

/** 14.4 (1h/5m) and 6 (6h/30m) page; 3 (1d/2h) and 1 (3d/6h) open a ticket. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = POLICY.map((p) => ({
  ...p,
  shortSeconds: p.longSeconds / 12,
  factor: Number(((p.budgetSpent * SLO_PERIOD_SECONDS) / p.longSeconds).toPrecision(6)),
}));

/** Every window the rules record a ratio over, shortest first. */
export function ratioWindows(): number[] {
  return [...new Set(BURN_RATE_WINDOWS.flatMap((w) => [w.longSeconds, w.shortSeconds]))].sort((a, b) => a - b);
}

/** A Prometheus duration in the largest unit that divides evenly: 300 → `5m`, 86400 → `1d`. */
export function promDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`promDuration: expected a positive whole number of seconds, got ${seconds}`);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const)
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}
