// Three-way reconciliation: who applied (households), what each consumer was told (ledger), what the insurer stored.
// Each enrollment (keyed by confirmation number) is counted once in every defect class it falls in; see docs/faults.md.

import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { compareCopy, type ComparedField } from './compare.ts';
import { exampleValue, initials, maskSsn } from './mask.ts';
import { checkTransport, groupBy } from './transport.ts';

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
export interface CutOff {
  /** How long the harness waited for the outbox after the load. */
  waitedMs: number;
  cutOffAt: string;
  confirmations: ReadonlySet<string>;
}

export interface ReconcileInput {
  households: Household[];
  ledger: LedgerEntry[];
  received: InsurerRecord[];
  /** An enrollment first received later than confirmedAt + deadlineMs is late. */
  deadlineMs: number;
  /** The issuer that must receive a plan; default: the first five characters of the plan id (HIOS issuer id). */
  expectedIssuerOf?: (planId: string) => string;
  /** Enrollments the exchange still had pending when the harness stopped waiting: late, not lost. */
  cutOff?: CutOff;
  /** Examples kept per class (and per garbled field). */
  examplesPerClass?: number;
}

const cents = (n: number): number => Math.round(n * 100);
const memberOf = (r: InsurerRecord): DefectExample['member'] => ({ initials: initials(r.firstName, r.lastName), ssn: maskSsn(r.ssn) });

export function reconcile(input: ReconcileInput): Reconciliation {
  const issuerOf = input.expectedIssuerOf ?? ((planId: string) => planId.slice(0, 5));
  const perClass = input.examplesPerClass ?? 5;
  const households = new Map<string, Household>();
  for (const h of input.households) households.set(h.id, h);
  const ledger = new Map<string, LedgerEntry>();
  for (const entry of input.ledger) if (!ledger.has(entry.confirmationNumber)) ledger.set(entry.confirmationNumber, entry);
  const received = groupBy(input.received, (r) => r.confirmationNumber);

  const classes = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0])) as Record<DefectClass, number>;
  const garbledByField: Partial<Record<ComparedField, number>> = {};
  const examples: DefectExample[] = [];
  const shown = new Map<string, number>();
  const example = (e: DefectExample): void => {
    const key = e.field ? `${e.class}:${e.field}` : e.class;
    const n = shown.get(key) ?? 0;
    if (n >= perClass) return;
    shown.set(key, n + 1);
    examples.push(e);
  };

  /** Counts the insurer-side classes of one enrollment; true when it has none. */
  function countTransport(confirmation: string, t: ReturnType<typeof checkTransport>): boolean {
    if (t.interchanges > 1 || t.memberListedTwice) {
      classes.duplicate++;
      example({ class: 'duplicate', confirmationNumber: confirmation, detail: t.interchanges > 1 ? `received in ${t.interchanges} interchanges` : 'a member listed twice in one transaction' });
    }
    if (t.misrouted) {
      classes.misrouted++;
      example({ class: 'misrouted', confirmationNumber: confirmation, received: t.misrouted.receiverIssuerId, detail: `sent to issuer ${t.misrouted.receiverIssuerId}, which does not sell the plan` });
    }
    if (t.invariantBroken) {
      const r = t.invariantBroken;
      classes.invariantBroken++;
      example({ class: 'invariantBroken', confirmationNumber: confirmation, received: { premiumTotal: r.premiumTotal, aptc: r.aptc, otherPayment: r.otherPayment, owed: r.owed }, detail: 'PRE AMT TOT ≠ APTC AMT + OTH PAY AMT 1 + TOT RES AMT' });
    }
    return t.interchanges === 1 && !t.memberListedTwice && !t.misrouted && !t.invariantBroken;
  }

  let intact = 0;
  let pendingAtCutOff = 0;
  for (const [confirmation, entry] of ledger) {
    const household = households.get(entry.householdId);
    if (household && cents(entry.aptc) !== cents(household.expected.aptc)) {
      classes.subsidyMismatch++;
      example({ class: 'subsidyMismatch', confirmationNumber: confirmation, expected: household.expected.aptc, received: entry.aptc, detail: 'APTC the consumer was told ≠ the oracle' });
    }
    const records = received.get(confirmation);
    if (!records && input.cutOff?.confirmations.has(confirmation)) {
      classes.late++;
      pendingAtCutOff++;
      const age = (Date.parse(input.cutOff.cutOffAt) - Date.parse(entry.confirmedAt)) / 1000;
      example({ class: 'late', confirmationNumber: confirmation, detail: `pending at cut-off: still in the exchange's outbox ${age.toFixed(1)} s after confirmation, when the harness stopped waiting (it waited ${(input.cutOff.waitedMs / 1000).toFixed(1)} s after the load)` });
      continue;
    }
    if (!records) {
      classes.lost++;
      example({ class: 'lost', confirmationNumber: confirmation, detail: `confirmed at ${entry.confirmedAt}, never received by the insurer` });
      continue;
    }
    const transport = checkTransport(records, entry.planId, issuerOf);
    let clean = countTransport(confirmation, transport);
    // receivedAt is always the insurer's toISOString(), so the earliest is the smallest string: one Date.parse, not one per record.
    let earliest = records[0]!.receivedAt;
    for (const r of records) if (r.receivedAt < earliest) earliest = r.receivedAt;
    const delayMs = Date.parse(earliest) - Date.parse(entry.confirmedAt);
    if (delayMs > input.deadlineMs) {
      classes.late++;
      clean = false;
      example({ class: 'late', confirmationNumber: confirmation, detail: `received ${(delayMs / 1000).toFixed(1)} s after confirmation (deadline ${input.deadlineMs / 1000} s)` });
    }
    let fields: Set<ComparedField> | undefined;
    for (const copy of transport.copies) {
      for (const d of compareCopy(copy, entry, household)) {
        fields ??= new Set();
        if (fields.has(d.field)) continue;
        fields.add(d.field);
        garbledByField[d.field] = (garbledByField[d.field] ?? 0) + 1;
        example({ class: 'garbled', confirmationNumber: confirmation, field: d.field, expected: exampleValue(d.field, d.expected), received: exampleValue(d.field, d.received), member: memberOf(d.record), detail: `${d.field} differs` });
      }
    }
    if (fields) {
      classes.garbled++;
      clean = false;
    }
    if (clean) intact++;
  }

  for (const [confirmation, records] of received) {
    if (ledger.has(confirmation)) continue;
    classes.phantom++;
    example({ class: 'phantom', confirmationNumber: confirmation, member: memberOf(records[0]!), detail: 'received by the insurer, never confirmed to a consumer' });
    countTransport(confirmation, checkTransport(records, '', issuerOf));
  }

  let intended = 0;
  for (const h of input.households) if (h.expected.result !== 'medicaid') intended++;
  return {
    enrollments: { intended, confirmed: ledger.size, received: received.size, intact },
    classes,
    garbledByField,
    pendingAtCutOff: { count: pendingAtCutOff, waitedSeconds: input.cutOff ? input.cutOff.waitedMs / 1000 : null },
    examples,
  };
}
