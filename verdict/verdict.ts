// The verdict of a run: every target against what was measured. Pure; `pass` only when every check passes, and an
// interrupted run is INTERRUPTED whatever its checks say: its figures cover only the part of the plan that ran.

/**
 * What a check's numbers are in: milliseconds, a percentage (1 = 1 %), or a count of things. `ratio` (a share,
 * 0.01 = 1 %) is what verdicts before one convention for rates recorded; it is still read, and shown as a percentage.
 */
export type CheckUnit = 'ms' | 'percent' | 'count' | 'ratio';

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

export type VerdictStatus = 'PASS' | 'FAIL' | 'INTERRUPTED';

export interface Verdict {
  pass: boolean;
  /** PASS, FAIL, or INTERRUPTED (Ctrl-C or SIGTERM stopped the load). Verdicts written before it have only `pass`. */
  status?: VerdictStatus;
  profile: string;
  runId: string;
  checks: VerdictCheck[];
}

/** Pass when at least one check was made and every check made held; a check not made is neither held nor missed. */
export function verdictOf(profile: string, runId: string, checks: VerdictCheck[], options: { interrupted?: boolean } = {}): Verdict {
  const made = checks.filter((c) => c.notChecked === undefined);
  const pass = !options.interrupted && made.length > 0 && made.every((c) => c.pass);
  return { pass, status: options.interrupted ? 'INTERRUPTED' : pass ? 'PASS' : 'FAIL', profile, runId, checks };
}

/** The verdict's status, also for a verdict.json written before verdicts had one. */
export function verdictStatus(verdict: Pick<Verdict, 'pass' | 'status'>): VerdictStatus {
  return verdict.status ?? (verdict.pass ? 'PASS' : 'FAIL');
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

/** A share (0.004) against its limit (0.01), both recorded and shown as percentages: 0.4 against ≤ 1 %. */
export function atMostPercent(name: string, share: number | undefined, limitShare: number): VerdictCheck {
  return {
    name,
    target: `≤ ${round(limitShare * 100)} %`,
    actual: share === undefined ? 'not measured' : round(share * 100),
    pass: share !== undefined && share <= limitShare,
    unit: 'percent',
  };
}

export function exactly(name: string, actual: number | undefined, expected: number): VerdictCheck {
  return { name, target: `= ${expected}`, actual: actual ?? 'not measured', pass: actual === expected, unit: 'count' };
}

/** A check's actual value with its unit, as every output shows it: "4.224 ms", "0.4 %", "20", "not measured". */
export function checkValue(check: Pick<VerdictCheck, 'actual' | 'unit'>): string {
  const { actual, unit } = check;
  if (typeof actual !== 'number') return String(actual);
  switch (unit) {
    case 'ms':
      return `${actual} ms`;
    case 'percent':
      return `${actual} %`;
    case 'ratio':
      return `${round(actual * 100)} %`;
    default:
      return actual.toLocaleString('en-US');
  }
}

/** A check's target as every output shows it; an older verdict's share (`≤ 0.01`, unit ratio) as a percentage. */
export function checkTarget(check: Pick<VerdictCheck, 'target' | 'unit'>): string {
  if (check.unit !== 'ratio') return check.target;
  return check.target.replace(/(-?\d+(?:\.\d+)?)/, (n) => `${round(Number(n) * 100)}`) + ' %';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
