// Values for the partition-line and partition-file tests: the record fields a line must carry (listed here apart from
// reconcile/lines.ts, so a field the encoder drops shows), values that test the line forms' edges, and an exact equality.

import { expect } from 'vitest';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';

/** Every field of an insurer record that reconciliation reads, in line order. */
export const RECORD_FIELDS = [
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

/** Values a field may hold that the tab form cannot carry as they are, or that look like another type. */
export const AWKWARD: unknown[] = [
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
export function expectSame(got: unknown, want: unknown, what: string): void {
  if (typeof want === 'object' && want !== null) expect(got, what).toEqual(want);
  else expect(Object.is(got, want), `${what}: got ${String(got)} (${typeof got}), want ${String(want)} (${typeof want})`).toBe(true);
}
