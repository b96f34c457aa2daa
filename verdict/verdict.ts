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
  /**
   * The check was not made in this run (integrity against an exchange the harness did not start): `pass` is false, so
   * it never reads as held, and the verdict is judged on the checks that were made. The text says how to make it.
   */
  notChecked?: string;
}

export interface Verdict {
  pass: boolean;
  profile: string;
  runId: string;
  checks: VerdictCheck[];
}

/** Pass when at least one check was made and every check made held; a check not made is neither held nor missed. */
export function verdictOf(profile: string, runId: string, checks: VerdictCheck[]): Verdict {
  const made = checks.filter((c) => c.notChecked === undefined);
  return { pass: made.length > 0 && made.every((c) => c.pass), profile, runId, checks };
}

/** The checks that were made and missed (a check not made is not among them). */
export const missedChecks = (verdict: Verdict): VerdictCheck[] => verdict.checks.filter((c) => !c.pass && c.notChecked === undefined);

/** The checks this run did not make. */
export const uncheckedChecks = (verdict: Verdict): VerdictCheck[] => verdict.checks.filter((c) => c.notChecked !== undefined);

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
