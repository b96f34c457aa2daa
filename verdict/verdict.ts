// The verdict of a run: every target against what was measured. Pure; `pass` only when every check passes, and an
// interrupted run is INTERRUPTED whatever its checks say: its figures cover only the part of the plan that ran.

import type { CheckUnit, Verdict, VerdictCheck, VerdictStatus } from '../vocabulary/verdict.ts';

export type { CheckUnit, Verdict, VerdictCheck, VerdictStatus };

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
