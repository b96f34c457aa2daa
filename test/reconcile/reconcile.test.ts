// Reconciliation, one case per defect class: exactly that class is counted, every other class stays zero.

import { describe, expect, it } from 'vitest';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import type { LedgerEntry } from '../../domain/ledger.ts';
import { DEFECT_CLASSES, reconcile, type DefectClass } from '../../reconcile/reconcile.ts';
import { household, ledgerEntry, receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';

interface World {
  ledger: LedgerEntry[];
  received: InsurerRecord[];
}

/** Three households, all confirmed and received intact; each case breaks household 2 one way. */
function cleanWorld(): World {
  return { ledger: [1, 2, 3].map(ledgerEntry), received: [1, 2, 3].flatMap((n) => receivedRecords(n)) };
}

function editRecords(world: World, n: number, edit: (r: InsurerRecord) => InsurerRecord | InsurerRecord[]): World {
  return { ...world, received: world.received.flatMap((r) => (r.confirmationNumber === `CNF-${n}` ? edit(r) : [r])) };
}

function run(world: World) {
  return reconcile({ households: [1, 2, 3].map(household), ledger: world.ledger, received: world.received, deadlineMs: 30_000 });
}

const child = (r: InsurerRecord): boolean => r.relationship === 'child';

/** name, the one class expected, how household 2 is broken, the garbled fields expected. */
const cases: [string, DefectClass, (w: World) => World, string[]?][] = [
  ['lost: confirmed, never received', 'lost', (w) => ({ ...w, received: w.received.filter((r) => r.confirmationNumber !== 'CNF-2') })],
  ['late: received after the deadline', 'late', (w) => editRecords(w, 2, (r) => ({ ...r, receivedAt: '2025-11-01T12:00:31.000Z' }))],
  ['phantom: received, never confirmed', 'phantom', (w) => ({ ...w, ledger: w.ledger.filter((e) => e.confirmationNumber !== 'CNF-2') })],
  ['duplicate: received in two interchanges', 'duplicate', (w) => ({ ...w, received: [...w.received, ...receivedRecords(2, 99)] })],
  ['duplicate: the same child listed twice', 'duplicate', (w) => editRecords(w, 2, (r) => (child(r) ? [r, { ...r, memberIndex: 2 }] : r))],
  ['misrouted: sent to another issuer', 'misrouted', (w) => editRecords(w, 2, (r) => ({ ...r, receiverIssuerId: '67890' }))],
  [
    'garbled relationship: child listed as spouse',
    'garbled',
    (w) => editRecords(w, 2, (r) => (child(r) ? { ...r, relationship: 'spouse' } : r)),
    ['relationship'],
  ],
  ['garbled dob', 'garbled', (w) => editRecords(w, 2, (r) => (child(r) ? { ...r, dob: '2015-12-11' } : r)), ['dob']],
  ['garbled ssn', 'garbled', (w) => editRecords(w, 2, (r) => (child(r) ? { ...r, ssn: '999999999' } : r)), ['ssn']],
  ['garbled sex', 'garbled', (w) => editRecords(w, 2, (r) => (child(r) ? { ...r, sex: 'F' } : r)), ['sex']],
  ['garbled last name', 'garbled', (w) => editRecords(w, 2, (r) => (child(r) ? { ...r, lastName: 'Byron' } : r)), ['lastName']],
  ['garbled rating area', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, ratingArea: 'R-VA011' })), ['ratingArea']],
  ['garbled county', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, countyFips: '51013' })), ['countyFips']],
  ['garbled zip', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, zip: '22031' })), ['zip']],
  ['garbled plan id (same issuer)', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, planId: '12345VA0010002-05' })), ['planId']],
  ['garbled effective date', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, effectiveDate: '2026-02-01' })), ['effectiveDate']],
  [
    'garbled member count: a member missing',
    'garbled',
    (w) => ({ ...w, received: w.received.filter((r) => !(r.confirmationNumber === 'CNF-2' && child(r))) }),
    ['memberCount'],
  ],
  ['garbled aptc (invariant kept)', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, aptc: 650, owed: 250 })), ['aptc', 'owed']],
  ['garbled premium (invariant kept)', 'garbled', (w) => editRecords(w, 2, (r) => ({ ...r, premiumTotal: 950, owed: 250 })), ['premium', 'owed']],
  [
    'subsidy mismatch: the consumer was told a wrong APTC, delivered faithfully',
    'subsidyMismatch',
    (w) => ({
      ledger: w.ledger.map((e) => (e.confirmationNumber === 'CNF-2' ? { ...e, aptc: 650, owed: 250 } : e)),
      received: editRecords(w, 2, (r) => ({ ...r, aptc: 650, owed: 250 })).received,
    }),
  ],
  [
    'invariant broken: PRE AMT TOT ≠ APTC + OTH PAY + TOT RES',
    'invariantBroken',
    (w) => ({
      ledger: w.ledger.map((e) => (e.confirmationNumber === 'CNF-2' ? { ...e, owed: 250 } : e)),
      received: editRecords(w, 2, (r) => ({ ...r, owed: 250 })).received,
    }),
  ],
];

describe('reconcile', () => {
  it('counts nothing when every enrollment arrived intact', () => {
    const result = run(cleanWorld());
    expect(result.enrollments).toEqual({ intended: 3, confirmed: 3, received: 3, intact: 3 });
    expect(Object.values(result.classes).every((n) => n === 0)).toBe(true);
    expect(result.garbledByField).toEqual({});
    expect(result.examples).toEqual([]);
  });

  it.each(cases)('%s', (_name, defect, breakIt, fields = []) => {
    const result = run(breakIt(cleanWorld()));
    const expected = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, c === defect ? 1 : 0]));
    expect(result.classes).toEqual(expected);
    expect(result.garbledByField).toEqual(Object.fromEntries(fields.map((f) => [f, 1])));
    expect(result.examples.map((e) => e.class)).toContain(defect);
    if (defect !== 'phantom' && defect !== 'subsidyMismatch') expect(result.enrollments.intact).toBe(2);
  });

  it("compares a misrouted enrollment's fields too, and counts it in each class it falls in", () => {
    const world = editRecords(cleanWorld(), 2, (r) => ({ ...r, receiverIssuerId: '67890', ratingArea: 'R-VA099' }));
    const result = run(world);
    expect(result.classes.misrouted).toBe(1);
    expect(result.classes.garbled).toBe(1);
    expect(result.garbledByField).toEqual({ ratingArea: 1 });
  });

  it('masks people in examples: last four of the SSN, initials, birth year', () => {
    const world = editRecords(cleanWorld(), 2, (r) => (child(r) ? { ...r, ssn: '900299999', dob: '2015-12-11' } : r));
    const text = JSON.stringify(run(world).examples);
    expect(text).not.toMatch(/900200002|900299999|Byron|Lovelace|2015-12-1/);
    expect(text).toContain('***-**-0002');
    expect(text).toContain('***-**-9999');
    expect(text).toContain('B.L.');
    expect(text).toContain('2015-**-**');
  });

  // Speed is measured by `npm run bench` (bench/reconcile.ts, 1,000,000 records); here only correctness at volume.
  it('reconciles 40,000 member records, all intact', () => {
    const n = 20_000;
    const households = Array.from({ length: n }, (_, i) => household(i));
    const ledger = Array.from({ length: n }, (_, i) => ledgerEntry(i));
    const received = households.flatMap((_, i) => receivedRecords(i));
    expect(received).toHaveLength(40_000);
    const result = reconcile({ households, ledger, received, deadlineMs: 30_000 });
    expect(result.enrollments.intact).toBe(n);
    expect(Object.values(result.classes).every((count) => count === 0)).toBe(true);
  });
});

describe('reconcile: late at cut-off, not lost', () => {
  const world = cleanWorld();
  const missing = { ...world, received: world.received.filter((r) => r.confirmationNumber !== 'CNF-2') };
  const withCutOff = (confirmations: string[]) =>
    reconcile({
      households: [1, 2, 3].map(household),
      ledger: missing.ledger,
      received: missing.received,
      deadlineMs: 30_000,
      cutOff: { cutOffAt: '2025-11-01T12:01:00.000Z', waitedMs: 60_000, confirmations: new Set(confirmations) },
    });

  it('counts an enrollment still pending in the outbox when the harness stopped waiting as late, saying how long it waited', () => {
    const result = withCutOff(['CNF-2']);
    expect(result.classes).toMatchObject({ lost: 0, late: 1 });
    expect(result.pendingAtCutOff).toEqual({ count: 1, waitedSeconds: 60 });
    expect(result.examples.find((e) => e.class === 'late')!.detail).toMatch(
      /^pending at cut-off: still in the exchange's outbox [\d.]+ s after confirmation, when the harness stopped waiting \(it waited 60\.0 s after the load\)$/,
    );
  });

  it('still counts as lost an enrollment the outbox no longer holds (rejected or never sent)', () => {
    const result = withCutOff(['CNF-9']);
    expect(result.classes).toMatchObject({ lost: 1, late: 0 });
    expect(result.pendingAtCutOff.count).toBe(0);
  });
});
