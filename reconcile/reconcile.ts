// Three-way reconciliation: who applied (households), what each consumer was told (ledger), what the insurer stored.
// Each enrollment (keyed by confirmation number) is counted once in every defect class it falls in; see docs/faults.md.

import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { compareCopy, type ComparedField } from './compare.ts';
import { instantMs } from './instant.ts';
import { exampleValue, initials, maskSsn } from './mask.ts';
import { checkTransport } from './transport.ts';
import { DEFECT_CLASSES, noDefects, type DefectClass, type DefectExample, type Reconciliation } from '../vocabulary/reconciliation.ts';

export { DEFECT_CLASSES, type DefectClass, type DefectExample, type Reconciliation } from '../vocabulary/reconciliation.ts';

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

/** One received enrollment: its member records in the order received, and when the first of them was received (its place in the insurer's stream). */
export interface ReceivedEnrollment {
  seq: number;
  records: InsurerRecord[];
  /** Set while reconciling: the ledger has it (so it is no phantom). */
  confirmed?: boolean;
}

/**
 * The enrollments of one partition, with every confirmation's ledger entry, household and records in it: the whole run
 * in memory (`reconcile`), or one of many partitions read back from disk (`reconcileStreams`).
 */
export interface Partition {
  /** By id; the last of a repeated id. */
  households: Map<string, Household>;
  /** The first entry of each confirmation number, in ledger order, with its place in the ledger. */
  ledger: { seq: number; entry: LedgerEntry }[];
  /** By confirmation number, in the order each was first received. */
  received: Map<string, ReceivedEnrollment>;
}

/** An example with its place in the run's order: the ledger's enrollments first (0), then the phantoms (1), by stream position. */
interface PlacedExample {
  phase: 0 | 1;
  seq: number;
  within: number;
  example: DefectExample;
}

/** What a partition found: counts to add up, and the first examples of each kind in its own order. */
export interface PartitionTally {
  confirmed: number;
  received: number;
  intact: number;
  pendingAtCutOff: number;
  classes: Record<DefectClass, number>;
  garbledByField: Partial<Record<ComparedField, number>>;
  /** Where each garbled field was first counted ([ledger position, its place among that enrollment's fields]): the run lists fields in that order. */
  garbledFirst: Partial<Record<ComparedField, [number, number]>>;
  examples: PlacedExample[];
}

export interface ReconcileOptions {
  deadlineMs: number;
  expectedIssuerOf?: (planId: string) => string;
  cutOff?: CutOff;
  examplesPerClass?: number;
}

const exampleKey = (e: DefectExample): string => (e.field ? `${e.class}:${e.field}` : e.class);

/** Reconciles the enrollments of one partition; the same checks, in the same order, as for a whole run. */
export function reconcilePartition(part: Partition, options: ReconcileOptions): PartitionTally {
  const issuerOf = options.expectedIssuerOf ?? ((planId: string) => planId.slice(0, 5));
  const perClass = options.examplesPerClass ?? 5;
  const { households, ledger, received } = part;
  const classes = noDefects();
  const garbledByField: Partial<Record<ComparedField, number>> = {};
  const garbledFirst: Partial<Record<ComparedField, [number, number]>> = {};
  const examples: PlacedExample[] = [];
  const shown = new Map<string, number>();
  let phase: 0 | 1 = 0;
  let seq = 0;
  let within = 0;
  const example = (e: DefectExample): void => {
    const key = exampleKey(e);
    const n = shown.get(key) ?? 0;
    if (n >= perClass) return;
    shown.set(key, n + 1);
    examples.push({ phase, seq, within: within++, example: e });
  };

  /** Counts the insurer-side classes of one enrollment; true when it has none. */
  function countTransport(confirmation: string, t: ReturnType<typeof checkTransport>): boolean {
    if (t.interchanges > 1 || t.memberListedTwice) {
      classes.duplicate++;
      example({
        class: 'duplicate',
        confirmationNumber: confirmation,
        detail: t.interchanges > 1 ? `received in ${t.interchanges} interchanges` : 'a member listed twice in one transaction',
      });
    }
    if (t.misrouted) {
      classes.misrouted++;
      example({
        class: 'misrouted',
        confirmationNumber: confirmation,
        received: t.misrouted.receiverIssuerId,
        detail: `sent to issuer ${t.misrouted.receiverIssuerId}, which does not sell the plan`,
      });
    }
    if (t.invariantBroken) {
      const r = t.invariantBroken;
      classes.invariantBroken++;
      example({
        class: 'invariantBroken',
        confirmationNumber: confirmation,
        received: { premiumTotal: r.premiumTotal, aptc: r.aptc, otherPayment: r.otherPayment, owed: r.owed },
        detail: 'PRE AMT TOT ≠ APTC AMT + OTH PAY AMT 1 + TOT RES AMT',
      });
    }
    return t.interchanges === 1 && !t.memberListedTwice && !t.misrouted && !t.invariantBroken;
  }

  let intact = 0;
  let pendingAtCutOff = 0;
  for (const placed of ledger) {
    const entry = placed.entry;
    const confirmation = entry.confirmationNumber;
    seq = placed.seq;
    within = 0;
    const household = households.get(entry.householdId);
    if (household && cents(entry.aptc) !== cents(household.expected.aptc)) {
      classes.subsidyMismatch++;
      example({
        class: 'subsidyMismatch',
        confirmationNumber: confirmation,
        expected: household.expected.aptc,
        received: entry.aptc,
        detail: 'APTC the consumer was told ≠ the oracle',
      });
    }
    const enrollment = received.get(confirmation);
    if (enrollment) enrollment.confirmed = true;
    const records = enrollment?.records;
    if (!records && options.cutOff?.confirmations.has(confirmation)) {
      classes.late++;
      pendingAtCutOff++;
      const age = (Date.parse(options.cutOff.cutOffAt) - Date.parse(entry.confirmedAt)) / 1000;
      example({
        class: 'late',
        confirmationNumber: confirmation,
        detail: `pending at cut-off: still in the exchange's outbox ${age.toFixed(1)} s after confirmation, when the harness stopped waiting (it waited ${(options.cutOff.waitedMs / 1000).toFixed(1)} s after the load)`,
      });
      continue;
    }
    if (!records) {
      classes.lost++;
      example({ class: 'lost', confirmationNumber: confirmation, detail: `confirmed at ${entry.confirmedAt}, never received by the insurer` });
      continue;
    }
    const transport = checkTransport(records, entry.planId, issuerOf);
    let clean = countTransport(confirmation, transport);
    // receivedAt is always the insurer's toISOString(), so the earliest is the smallest string: one parse, not one per record.
    let earliest = records[0]!.receivedAt;
    for (const r of records) if (r.receivedAt < earliest) earliest = r.receivedAt;
    const delayMs = instantMs(earliest) - instantMs(entry.confirmedAt);
    if (delayMs > options.deadlineMs) {
      classes.late++;
      clean = false;
      example({
        class: 'late',
        confirmationNumber: confirmation,
        detail: `received ${(delayMs / 1000).toFixed(1)} s after confirmation (deadline ${options.deadlineMs / 1000} s)`,
      });
    }
    let fields: Set<ComparedField> | undefined;
    for (const copy of transport.copies) {
      for (const d of compareCopy(copy, entry, household)) {
        fields ??= new Set();
        if (fields.has(d.field)) continue;
        fields.add(d.field);
        garbledFirst[d.field] ??= [seq, fields.size];
        garbledByField[d.field] = (garbledByField[d.field] ?? 0) + 1;
        example({
          class: 'garbled',
          confirmationNumber: confirmation,
          field: d.field,
          expected: exampleValue(d.field, d.expected),
          received: exampleValue(d.field, d.received),
          member: memberOf(d.record),
          detail: `${d.field} differs`,
        });
      }
    }
    if (fields) {
      classes.garbled++;
      clean = false;
    }
    if (clean) intact++;
  }

  phase = 1;
  for (const [confirmation, enrollment] of received) {
    if (enrollment.confirmed) continue;
    seq = enrollment.seq;
    within = 0;
    const records = enrollment.records;
    classes.phantom++;
    example({
      class: 'phantom',
      confirmationNumber: confirmation,
      member: memberOf(records[0]!),
      detail: 'received by the insurer, never confirmed to a consumer',
    });
    countTransport(confirmation, checkTransport(records, '', issuerOf));
  }
  return { confirmed: ledger.length, received: received.size, intact, pendingAtCutOff, classes, garbledByField, garbledFirst, examples };
}

/** The run's reconciliation from its partitions' tallies: counts added up, the first examples of each kind in the run's order. */
export function combineTallies(tallies: Iterable<PartitionTally>, intended: number, options: ReconcileOptions): Reconciliation {
  const perClass = options.examplesPerClass ?? 5;
  const classes = noDefects();
  const garbled = new Map<ComparedField, { n: number; first: [number, number] }>();
  const placed: PlacedExample[] = [];
  const enrollments = { intended, confirmed: 0, received: 0, intact: 0 };
  let pendingAtCutOff = 0;
  for (const t of tallies) {
    enrollments.confirmed += t.confirmed;
    enrollments.received += t.received;
    enrollments.intact += t.intact;
    pendingAtCutOff += t.pendingAtCutOff;
    for (const c of DEFECT_CLASSES) classes[c] += t.classes[c];
    for (const [field, n] of Object.entries(t.garbledByField) as [ComparedField, number][]) {
      const first = t.garbledFirst[field]!;
      const sum = garbled.get(field);
      if (!sum) garbled.set(field, { n, first });
      else {
        sum.n += n;
        if ((first[0] - sum.first[0] || first[1] - sum.first[1]) < 0) sum.first = first;
      }
    }
    placed.push(...t.examples);
  }
  const garbledByField: Partial<Record<ComparedField, number>> = {};
  for (const [field, { n }] of [...garbled].sort(([, a], [, b]) => a.first[0] - b.first[0] || a.first[1] - b.first[1])) garbledByField[field] = n;
  placed.sort((a, b) => a.phase - b.phase || a.seq - b.seq || a.within - b.within);
  const shown = new Map<string, number>();
  const examples: DefectExample[] = [];
  for (const { example } of placed) {
    const key = exampleKey(example);
    const n = shown.get(key) ?? 0;
    if (n >= perClass) continue;
    shown.set(key, n + 1);
    examples.push(example);
  }
  return {
    enrollments,
    classes,
    garbledByField,
    pendingAtCutOff: { count: pendingAtCutOff, waitedSeconds: options.cutOff ? options.cutOff.waitedMs / 1000 : null },
    examples,
  };
}

/** Households that may enroll: those not referred to Medicaid/CHIP. */
export const mayEnroll = (h: Household): boolean => h.expected.result !== 'medicaid';

/** The whole run in memory, as one partition. `reconcileStreams` (stream.ts) gives the same answer with bounded memory. */
export function reconcile(input: ReconcileInput): Reconciliation {
  const households = new Map<string, Household>();
  let intended = 0;
  for (const h of input.households) {
    households.set(h.id, h);
    if (mayEnroll(h)) intended++;
  }
  const ledger: Partition['ledger'] = [];
  const confirmations = new Set<string>();
  input.ledger.forEach((entry, seq) => {
    if (confirmations.has(entry.confirmationNumber)) return;
    confirmations.add(entry.confirmationNumber);
    ledger.push({ seq, entry });
  });
  const received = new Map<string, ReceivedEnrollment>();
  input.received.forEach((r, seq) => {
    const enrollment = received.get(r.confirmationNumber);
    if (enrollment) enrollment.records.push(r);
    else received.set(r.confirmationNumber, { seq, records: [r] });
  });
  return combineTallies([reconcilePartition({ households, ledger, received }, input)], intended, input);
}
