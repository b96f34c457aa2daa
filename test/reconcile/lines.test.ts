// The compact partition lines carry every value back exactly: ordinary items as tab lines, awkward texts and odd
// types through the JSON form; and the partition files give the lines back in order, whatever their characters.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { household, ledgerEntry, receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import type { LedgerEntry } from '../../domain/ledger.ts';
import { householdLine, householdOf, ledgerLine, ledgerOf, recordLine, recordOf, writeRecord } from '../../reconcile/lines.ts';
import { linesOf, PartitionFiles } from '../../reconcile/spill.ts';

const RECORD_FIELDS = [
  'confirmationNumber',
  'receivedAt',
  'receiverIssuerId',
  'senderId',
  'interchangeControl',
  'transactionControl',
  'memberId',
  'relationship',
  'subscriber',
  'firstName',
  'lastName',
  'dob',
  'sex',
  'ssn',
  'planId',
  'effectiveDate',
  'ratingArea',
  'premiumTotal',
  'aptc',
  'otherPayment',
  'owed',
  'zip',
  'countyFips',
] as const;
const LEDGER_FIELDS = ['householdId', 'confirmationNumber', 'planId', 'premium', 'aptc', 'owed', 'effectiveDate', 'confirmedAt'] as const;

/** Values a field may hold that the tab form cannot carry as they are, or that look like another type. */
const AWKWARD: unknown[] = [
  'a\tb',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash',
  'lone \ud800 surrogate',
  '\\t',
  '',
  '1',
  '0',
  'José Ñúñez',
  'emoji 😀',
  'replacement \ufffd and private \uf8ff',
  '"quoted"',
  '\u0001',
  -0,
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e21,
  0.1 + 0.2,
  -5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  undefined,
  null,
  true,
  false,
  12n,
  { nested: ['x'] },
];

/** Same value, telling -0 from 0 and NaN from NaN as Object.is does (objects by their JSON). */
function expectSame(got: unknown, want: unknown, what: string): void {
  if (typeof want === 'object' && want !== null) expect(got, what).toEqual(want);
  else expect(Object.is(got, want), `${what}: got ${String(got)} (${typeof got}), want ${String(want)} (${typeof want})`).toBe(true);
}

describe('partition lines', () => {
  it('write an ordinary ledger entry, household and record as tab lines, and read them back', () => {
    const entry = ledgerEntry(7);
    expect(ledgerLine(3, entry)).toMatch(/^L\t3\t/);
    expect(ledgerOf(ledgerLine(3, entry))).toEqual({ seq: 3, entry });
    const h = household(7);
    expect(householdLine(h)).toMatch(/^H\t/);
    const back = householdOf(householdLine(h));
    expect(back).toMatchObject({ id: h.id, ratingArea: h.ratingArea, countyFips: h.countyFips, zip: h.zip, expected: { aptc: 700 } });
    expect(back.members).toEqual(
      h.members.map(({ firstName, lastName, dob, sex, relationship, ssn }) => ({ firstName, lastName, dob, sex, relationship, ssn })),
    );
    const r = receivedRecords(7)[1]!;
    expect(recordLine(11, r)).toMatch(/^R\t11\t/);
    const { seq, record } = recordOf(recordLine(11, r));
    expect(seq).toBe(11);
    for (const field of RECORD_FIELDS) expectSame(record[field], r[field], field);
  });

  it.each(AWKWARD.map((v) => [v]))('carry a record whose every field in turn is %s exactly', (value) => {
    const base = receivedRecords(3)[0]!;
    for (const field of RECORD_FIELDS) {
      const r = { ...base, [field]: value } as unknown as InsurerRecord;
      const { seq, record } = recordOf(recordLine(2 ** 44 + 5, r));
      expect(seq).toBe(2 ** 44 + 5);
      for (const f of RECORD_FIELDS) expectSame(record[f], r[f], `${field}=${String(value)}: ${f}`);
    }
  });

  it.each(AWKWARD.map((v) => [v]))('carry a ledger entry and a household whose every field in turn is %s exactly', (value) => {
    for (const field of LEDGER_FIELDS) {
      const e = { ...ledgerEntry(4), [field]: value } as unknown as LedgerEntry;
      const back = ledgerOf(ledgerLine(9, e));
      expect(back.seq).toBe(9);
      for (const f of LEDGER_FIELDS) expectSame(back.entry[f], e[f], `${field}=${String(value)}: ${f}`);
    }
    const h = household(4);
    for (const variant of [
      { ...h, zip: value },
      { ...h, expected: { ...h.expected, aptc: value } },
      { ...h, members: [h.members[0]!, { ...h.members[1]!, lastName: value }] },
    ]) {
      const back = householdOf(householdLine(variant as never));
      expectSame(back.zip, variant.zip, 'zip');
      expectSame(back.expected.aptc, variant.expected.aptc, 'aptc');
      expectSame(back.members[1]!.lastName, variant.members[1]!.lastName, 'lastName');
    }
  });
});

describe('PartitionFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'partition-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give back every line of a partition in order, spilled or not, ASCII or not', () => {
    const files = new PartitionFiles(3, dir, 'test');
    const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 7 ? `R\tJosé ${i} 😀` : `L\tline ${i}`));
    lines.push('x'.repeat(100_000)); // longer than a buffer
    lines.forEach((line, i) => files.add(i % 3, line));
    expect(files.spilledBytes).toBeGreaterThan(0);
    for (const p of [0, 1, 2]) expect(files.take(p)).toEqual(lines.filter((_, i) => i % 3 === p));
    files.dispose();
  });

  it.each(AWKWARD.map((v) => [v]))('check the bytes they write, so a record with %s in any field comes back exactly', (value) => {
    const files = new PartitionFiles(2, dir, 'awkward');
    const base = receivedRecords(5)[1]!;
    const written = RECORD_FIELDS.map((field) => ({ ...base, [field]: value }) as unknown as InsurerRecord);
    written.forEach((r, i) => writeRecord(files, i % 2, i, r));
    const back = [...files.take(0), ...files.take(1)].map(recordOf).sort((a, b) => a.seq - b.seq);
    expect(back).toHaveLength(written.length);
    back.forEach(({ seq, record }) => {
      for (const f of RECORD_FIELDS) expectSame(record[f], written[seq]![f], `${RECORD_FIELDS[seq]}=${String(value)}: ${f}`);
    });
    files.dispose();
  });

  it('write whole spill files whose parts linesOf reads back, one writer after another', () => {
    const a = new PartitionFiles(2, dir, 'a');
    const b = new PartitionFiles(2, dir, 'b');
    a.add(1, 'L\tfirst');
    a.add(1, 'H\tsecond é');
    b.add(1, 'R\tthird');
    const [fa, fb] = [a.flushAll(), b.flushAll()];
    expect(fa[0]).toBeUndefined();
    expect(linesOf([fa[1]!, fb[1]!])).toEqual(['L\tfirst', 'H\tsecond é', 'R\tthird']);
    a.dispose();
    b.dispose();
  });
});
