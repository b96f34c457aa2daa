// reconciliation.json: what consumers were told against what the insurer received — the defect classes, the fields
// a garbled enrollment can differ in, and the file's zod schema. Written by reconcile/runFolder.ts, read by the gate,
// the capacity headline, the report and the watch page.

import { z } from 'zod';

/** Fields a garbled enrollment can differ in; `memberCount` when members are missing from the 834. */
export const COMPARED_FIELDS = [
  'relationship',
  'dob',
  'ssn',
  'sex',
  'firstName',
  'lastName',
  'memberCount',
  'ratingArea',
  'countyFips',
  'zip',
  'planId',
  'aptc',
  'premium',
  'owed',
  'effectiveDate',
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export const DEFECT_CLASSES = ['lost', 'late', 'phantom', 'duplicate', 'misrouted', 'garbled', 'subsidyMismatch', 'invariantBroken'] as const;
export type DefectClass = (typeof DEFECT_CLASSES)[number];

/** Every defect class at zero: where counting starts. */
export const noDefects = (): Record<DefectClass, number> => Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0])) as Record<DefectClass, number>;

export interface DefectExample {
  class: DefectClass;
  confirmationNumber: string;
  field?: ComparedField;
  expected?: unknown;
  received?: unknown;
  /** Initials and masked SSN of the member concerned, never the full identity. */
  member?: { initials: string; ssn: string };
  detail: string;
}

/** What reconciliation finds (reconcile/reconcile.ts). */
export interface Reconciliation {
  /** intended: households that may enroll (those referred to Medicaid/CHIP end at eligibility and are not counted). */
  enrollments: { intended: number; confirmed: number; received: number; intact: number };
  classes: Record<DefectClass, number>;
  garbledByField: Partial<Record<ComparedField, number>>;
  /** Of `late`: enrollments still in the exchange's outbox when the harness stopped waiting (not lost: not yet sent). */
  pendingAtCutOff: { count: number; waitedSeconds: number | null };
  examples: DefectExample[];
}

/** reconciliation.json as a run folder holds it: the reconciliation and what the faults injected. */
export interface RunReconciliation extends Reconciliation {
  /** What the fault switches injected (injected.json, written by the services), when the run had faults. */
  injected?: unknown;
}

const count = z.number({ error: 'expected a number' });

/**
 * Earlier versions also stored `intact` at the top level (alone, or beside `enrollments.intact`): it is read into
 * `enrollments.intact` (which wins when both are there) and dropped, so every reader finds the count in one place.
 */
function intactInEnrollments(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !('intact' in value)) return value;
  const { intact, ...rest } = value as Record<string, unknown>;
  const enrollments = rest.enrollments;
  if (enrollments === null || typeof enrollments !== 'object' || Array.isArray(enrollments)) return rest;
  return { ...rest, enrollments: { intact, ...enrollments } };
}

/**
 * The file as its readers need it. Folders of earlier versions lack some fields, so only what the gate judges on is
 * required; the rest is checked when present. An earlier version's top-level `intact` is normalised into
 * `enrollments.intact`.
 */
export const reconciliationSchema = z.preprocess(
  intactInEnrollments,
  z.looseObject({
    enrollments: z.looseObject({ intended: count.optional(), confirmed: count, received: count.optional(), intact: count }),
    classes: z.record(z.string(), z.number(), { error: 'expected counts per defect class' }),
    garbledByField: z.record(z.string(), z.number()).optional(),
    pendingAtCutOff: z.object({ count: z.number(), waitedSeconds: z.number().nullable() }).optional(),
    examples: z
      .array(
        z.looseObject({
          class: z.string(),
          confirmationNumber: z.string(),
          field: z.string().optional(),
          expected: z.unknown().optional(),
          received: z.unknown().optional(),
          member: z.object({ initials: z.string(), ssn: z.string() }).optional(),
          detail: z.string(),
        }),
      )
      .optional(),
  }),
);

/** reconciliation.json as the schema reads it (fields of earlier versions optional, `intact` in `enrollments`). */
export type ReconciliationFile = z.infer<typeof reconciliationSchema>;

/** reconciliation.json as read: the file, an earlier version's shape normalised; or what is wrong with it. */
export function readReconciliation(value: unknown): { reconciliation: ReconciliationFile } | { problems: string[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { problems: ['(top level): expected a JSON object'] };
  const parsed = reconciliationSchema.safeParse(value);
  return parsed.success
    ? { reconciliation: parsed.data }
    : { problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`) };
}

/** Problems with the shape of reconciliation.json, as "field: what is wrong" (empty when fine). */
export function reconciliationProblems(value: unknown): string[] {
  const read = readReconciliation(value);
  return 'problems' in read ? read.problems : [];
}

/** The file `reconcile` writes: checked against the schema, so the writer cannot drift from the readers. */
export function reconciliationJson(value: RunReconciliation): string {
  if ('intact' in value) throw new Error('reconciliation.json holds the intact count once, in enrollments.intact, not at the top level');
  reconciliationSchema.parse(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}
