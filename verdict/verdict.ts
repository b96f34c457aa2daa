// The verdict of a run: every target against what was measured. Pure; `pass` only when every check passes.

/** What a check's numbers are in: milliseconds, a share (0.01 = 1 %), or a count of things. */
export type CheckUnit = 'ms' | 'ratio' | 'count';

export interface VerdictCheck {
  name: string;
  target: string;
  actual: number | string;
  pass: boolean;
  /** The unit of `actual` and of the target's number; absent when the check is not a measurement (load run, thresholds). */
  unit?: CheckUnit;
}

export interface Verdict {
  pass: boolean;
  profile: string;
  runId: string;
  checks: VerdictCheck[];
}

export function verdictOf(profile: string, runId: string, checks: VerdictCheck[]): Verdict {
  return { pass: checks.length > 0 && checks.every((c) => c.pass), profile, runId, checks };
}

export function atMost(name: string, actual: number | undefined, limit: number, unit: CheckUnit = 'count'): VerdictCheck {
  return {
    name,
    target: `≤ ${limit}${unit === 'ms' ? ' ms' : ''}`,
    actual: actual === undefined ? 'not measured' : round(actual),
    pass: actual !== undefined && actual <= limit,
    unit,
  };
}

export function exactly(name: string, actual: number | undefined, expected: number): VerdictCheck {
  return { name, target: `= ${expected}`, actual: actual ?? 'not measured', pass: actual === expected, unit: 'count' };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
