// The verdict of a run: every target against what was measured. Pure; `pass` only when every check passes.

export interface VerdictCheck {
  name: string;
  target: string;
  actual: number | string;
  pass: boolean;
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

export function atMost(name: string, actual: number | undefined, limit: number, unit = ''): VerdictCheck {
  return {
    name,
    target: `≤ ${limit}${unit}`,
    actual: actual === undefined ? 'not measured' : round(actual),
    pass: actual !== undefined && actual <= limit,
  };
}

export function exactly(name: string, actual: number | undefined, expected: number): VerdictCheck {
  return { name, target: `= ${expected}`, actual: actual ?? 'not measured', pass: actual === expected };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
