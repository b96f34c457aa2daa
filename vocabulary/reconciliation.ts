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

/** What the harness stopped waiting for (pending-at-cut-off.json). */
/** reconciliation.json as a run folder holds it: the reconciliation, with `intact` at the top level and what the faults injected. */
export interface RunReconciliation extends Reconciliation {
  /** Confirmed enrollments received once, on time, at the right issuer, with every field intact (= enrollments.intact). */
  intact: number;
  /** What the fault switches injected (injected.json, written by the services), when the run had faults. */
  injected?: unknown;
}

const count = z.number({ error: 'expected a number' });

/**
 * The file as its readers need it. Folders of earlier versions lack some fields, so only what the gate judges on is
 * required; the rest is checked when present.
 */
export const reconciliationSchema = z.looseObject({
  enrollments: z.looseObject({ intended: count.optional(), confirmed: count, received: count.optional(), intact: count.optional() }),
  intact: count,
  classes: z.record(z.string(), z.number(), { error: 'expected counts per defect class' }),
  garbledByField: z.record(z.string(), z.number()).optional(),
  pendingAtCutOff: z.object({ count: z.number(), waitedSeconds: z.number().nullable() }).optional(),
  examples: z.array(z.looseObject({ class: z.string(), confirmationNumber: z.string(), detail: z.string() })).optional(),
});

/** reconciliation.json as the schema reads it (fields of earlier versions optional). */
export type ReconciliationFile = z.infer<typeof reconciliationSchema>;

/** Problems with the shape of reconciliation.json, as "field: what is wrong" (empty when fine). */
export function reconciliationProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['(top level): expected a JSON object'];
  const parsed = reconciliationSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}

/** The file `reconcile` writes: checked against the schema, so the writer cannot drift from the readers. */
export function reconciliationJson(value: RunReconciliation): string {
  reconciliationSchema.parse(value);
  return `${JSON.stringify(value, null, 2)}\n`;
}
