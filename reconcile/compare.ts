// Field-by-field comparison of what the insurer received with what the consumer was told (ledger) and who applied
// (household). Members are matched by likeness, not position, so a reordered or relabelled member is still found.

import type { Household, Member } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import type { ComparedField } from '../vocabulary/reconciliation.ts';

export { COMPARED_FIELDS, type ComparedField } from '../vocabulary/reconciliation.ts';

export interface FieldDifference {
  field: ComparedField;
  expected: unknown;
  received: unknown;
  record: InsurerRecord;
}

const digits = (s: string): string => s.replace(/\D/g, '');
const upper = (s: string): string => s.trim().toUpperCase();
const cents = (n: number): number => Math.round(n * 100);
/** Fast path first: at a million records, skipping a regex or a toUpperCase per field is most of the run time. */
const sameDigits = (received: string, expected: string): boolean => received === expected || digits(received) === digits(expected);
const sameName = (received: string, expected: string): boolean => received === expected || upper(received) === upper(expected);

function likeness(record: InsurerRecord, member: Member): number {
  return (
    (sameDigits(record.ssn, member.ssn) ? 2 : 0) +
    (record.dob === member.dob ? 1 : 0) +
    (sameName(record.firstName, member.firstName) ? 1 : 0) +
    (sameName(record.lastName, member.lastName) ? 1 : 0) +
    (record.relationship === member.relationship ? 1 : 0) +
    (record.sex === member.sex ? 1 : 0)
  );
}

/**
 * For each received member record, the most alike household member not yet taken (undefined for an extra record).
 * Loops and a bit mask instead of closures and Sets: this runs once per enrollment, a million times in a big run.
 */
export function matchMembers(records: InsurerRecord[], members: Member[]): (Member | undefined)[] {
  let taken = 0;
  const matched: (Member | undefined)[] = new Array(records.length);
  for (let r = 0; r < records.length; r++) {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < members.length && i < 31; i++) {
      if (taken & (1 << i)) continue;
      const score = likeness(records[r]!, members[i]!);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    if (best !== -1) taken |= 1 << best;
    matched[r] = best === -1 ? undefined : members[best];
  }
  return matched;
}

const NONE: FieldDifference[] = [];

/** `out` with one more difference (a new array for the first). A function, not a closure made per enrollment. */
function withDiff(out: FieldDifference[], field: ComparedField, expected: unknown, received: unknown, record: InsurerRecord): FieldDifference[] {
  const list = out === NONE ? [] : out;
  list.push({ field, expected, received, record });
  return list;
}

/** The members the enrollment covers: those Medicaid/CHIP does not (older files without the flags: everyone). */
export function enrolledMembers(household: Household): Member[] {
  const medicaid = household.expected.medicaidMembers;
  return medicaid ? household.members.filter((_, i) => !medicaid[i]) : household.members;
}

/** Differences in one received copy of an enrollment (all member records of one transaction); usually none. */
export function compareCopy(copy: InsurerRecord[], ledger: LedgerEntry, household: Household | undefined): FieldDifference[] {
  let out = NONE;
  let policy = copy[0]!;
  for (const r of copy) if (r.subscriber) policy = r;
  if (policy.planId !== ledger.planId) out = withDiff(out, 'planId', ledger.planId, policy.planId, policy);
  if (cents(policy.aptc) !== cents(ledger.aptc)) out = withDiff(out, 'aptc', ledger.aptc, policy.aptc, policy);
  if (cents(policy.premiumTotal) !== cents(ledger.premium)) out = withDiff(out, 'premium', ledger.premium, policy.premiumTotal, policy);
  if (cents(policy.owed) !== cents(ledger.owed)) out = withDiff(out, 'owed', ledger.owed, policy.owed, policy);
  if (policy.effectiveDate !== ledger.effectiveDate) out = withDiff(out, 'effectiveDate', ledger.effectiveDate, policy.effectiveDate, policy);
  if (!household) return out;
  if (policy.ratingArea !== household.ratingArea) out = withDiff(out, 'ratingArea', household.ratingArea, policy.ratingArea, policy);
  if (!sameDigits(policy.countyFips, household.countyFips)) out = withDiff(out, 'countyFips', household.countyFips, policy.countyFips, policy);
  if (!sameDigits(policy.zip, household.zip)) out = withDiff(out, 'zip', household.zip, policy.zip, policy);
  const members = enrolledMembers(household);
  if (copy.length < members.length) out = withDiff(out, 'memberCount', members.length, copy.length, policy);
  const matched = matchMembers(copy, members);
  for (let i = 0; i < copy.length; i++) {
    const record = copy[i]!;
    const member = matched[i];
    if (!member) continue;
    if (record.relationship !== member.relationship) out = withDiff(out, 'relationship', member.relationship, record.relationship, record);
    if (record.dob !== member.dob) out = withDiff(out, 'dob', member.dob, record.dob, record);
    if (!sameDigits(record.ssn, member.ssn)) out = withDiff(out, 'ssn', member.ssn, record.ssn, record);
    if (record.sex !== member.sex) out = withDiff(out, 'sex', member.sex, record.sex, record);
    if (!sameName(record.firstName, member.firstName)) out = withDiff(out, 'firstName', member.firstName, record.firstName, record);
    if (!sameName(record.lastName, member.lastName)) out = withDiff(out, 'lastName', member.lastName, record.lastName, record);
  }
  return out;
}

/** The insurer's own invariant: PRE AMT TOT = APTC AMT + OTH PAY AMT 1 + TOT RES AMT, to the cent. */
export function invariantHolds(record: InsurerRecord): boolean {
  return cents(record.premiumTotal) === cents(record.aptc) + cents(record.otherPayment) + cents(record.owed);
}
