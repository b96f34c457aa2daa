// The compact lines of a spilled partition: every field reconciliation reads comes back as it went, in a tab line or,
// when a value cannot travel in one, in a JSON line.

import { describe, expect, it } from 'vitest';
import { receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import { recordLine, recordOf } from '../../reconcile/lines.ts';

const CARRIED = [
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
] as const satisfies readonly (keyof InsurerRecord)[];

const carried = (r: InsurerRecord): Partial<InsurerRecord> => Object.fromEntries(CARRIED.map((name) => [name, r[name]]));

describe('record lines', () => {
  it('carry every field reconciliation reads, each under its own name, in a tab line', () => {
    // Every field distinct, so a field read back under another's name shows.
    const [record] = receivedRecords(7);
    const distinct = { ...record!, receiverIssuerId: 'RCV', senderId: 'SND', memberId: 'MEM', aptc: 101, otherPayment: 202, owed: 303, premiumTotal: 606 };
    const text = recordLine(42, distinct);
    expect(text.startsWith('R\t')).toBe(true);
    expect(recordOf(text)).toEqual({ seq: 42, record: carried(distinct) });
  });

  it('fall back to a JSON line for a value a tab line cannot carry, and read it back the same', () => {
    const [record] = receivedRecords(8);
    const awkward = { ...record!, lastName: 'Tab\tName', subscriber: 'Y' as unknown as boolean };
    const text = recordLine(3, awkward);
    expect(text.startsWith('r[')).toBe(true);
    expect(recordOf(text)).toEqual({ seq: 3, record: carried(awkward) });
  });
});
