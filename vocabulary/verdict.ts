// verdict.json: every target against what was measured, as the run, the gate and collect write it and the report,
// the watch page, compare and the gate (re-judging) read it. The types and the file's zod schema.

import { z } from 'zod';

/**
 * What a check's numbers are in: milliseconds, a percentage (1 = 1 %), or a count of things. `ratio` (a share,
 * 0.01 = 1 %) is what verdicts before one convention for rates recorded; it is still read, and shown as a percentage.
 */
export const CHECK_UNITS = ['ms', 'percent', 'count', 'ratio'] as const;
export type CheckUnit = (typeof CHECK_UNITS)[number];

export const VERDICT_STATUSES = ['PASS', 'FAIL', 'INTERRUPTED'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export const verdictCheckSchema = z.object({
  name: z.string(),
  target: z.string(),
  actual: z.union([z.number(), z.string()]),
  pass: z.boolean(),
  /** The unit of `actual` and of the target's number; absent when the check is not a measurement (load run, thresholds). */
  unit: z.enum(CHECK_UNITS).optional(),
  /**
   * The check was not made in this run (integrity against an exchange the harness did not start): `pass` is false, so
   * it never reads as held, and the verdict is judged on the checks that were made. The text says how to make it.
   */
  notChecked: z.string().optional(),
});
export type VerdictCheck = z.infer<typeof verdictCheckSchema>;

export const verdictSchema = z.object({
  pass: z.boolean(),
  /** PASS, FAIL, or INTERRUPTED (Ctrl-C or SIGTERM stopped the load). Verdicts written before it have only `pass`. */
  status: z.enum(VERDICT_STATUSES).optional(),
  profile: z.string(),
  runId: z.string(),
  checks: z.array(verdictCheckSchema),
});
export type Verdict = z.infer<typeof verdictSchema>;

/** Problems with the shape of verdict.json, as "field: what is wrong" (empty when fine). */
export function verdictProblems(value: unknown): string[] {
  const parsed = verdictSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}

/** verdict.json as written: checked against the schema, so no writer drifts from the readers. */
export function verdictJson(verdict: Verdict): string {
  verdictSchema.parse(verdict);
  return `${JSON.stringify(verdict, null, 2)}\n`;
}
