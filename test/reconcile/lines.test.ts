// The compact partition lines carry every value back exactly: ordinary items as tab lines, awkward texts and odd
// types through the JSON form.

import { describe, expect, it } from 'vitest';
import { household, ledgerEntry, receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import type { LedgerEntry } from '../../domain/ledger.ts';
import { householdLine, householdOf, ledgerLine, ledgerOf, recordLine, recordOf } from '../../reconcile/lines.ts';
import { AWKWARD, expectSame, RECORD_FIELDS } from './partitionValues.ts';

const LEDGER_FIELDS = ['householdId', 'confirmationNumber', 'planId', 'premium', 'aptc', 'owed', 'effectiveDate', 'confirmedAt'] as const;

const carried = (r: InsurerRecord): Partial<InsurerRecord> => Object.fromEntries(RECORD_FIELDS.map((name) => [name, r[name]]));

describe('partition lines', () => {
  it('carry each record field under its own name', () => {
    // Every field distinct, so a field read back under another's name shows.
    const [record] = receivedRecords(7);
    const distinct = { ...record!, receiverIssuerId: 'RCV', senderId: 'SND', memberId: 'MEM', aptc: 101, otherPayment: 202, owed: 303, premiumTotal: 606 };
    const text = recordLine(42, distinct);
    expect(text.startsWith('R\t')).toBe(true);
    expect(recordOf(text)).toEqual({ seq: 42, record: carried(distinct) });
  });

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
