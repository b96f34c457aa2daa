// The checks that need only the insurer's side of one enrollment: how many copies arrived, whether a member is
// listed twice, whether it went to the plan's issuer, and whether the premium invariant holds.

import type { InsurerRecord } from '../domain/insurerRecord.ts';
import { invariantHolds } from './compare.ts';

export interface TransportFindings {
  /** Member records grouped by the transaction (interchange + ST02) that carried them. */
  copies: InsurerRecord[][];
  interchanges: number;
  memberListedTwice: boolean;
  /** A record addressed to another issuer than the plan's, if any. */
  misrouted: InsurerRecord | undefined;
  /** A record whose premium total ≠ APTC + other payment + owed, if any. */
  invariantBroken: InsurerRecord | undefined;
}

const copyKey = (r: InsurerRecord): string => `${r.senderId}\u0000${r.interchangeControl}\u0000${r.transactionControl}`;

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function repeatsMember(copy: InsurerRecord[]): boolean {
  for (let i = 1; i < copy.length; i++) for (let j = 0; j < i; j++) if (copy[i]!.memberId === copy[j]!.memberId) return true;
  return false;
}

/** `planId` is what the consumer bought (ledger); empty for a phantom, whose own plan id is used instead. */
export function checkTransport(records: InsurerRecord[], planId: string, issuerOf: (planId: string) => string): TransportFindings {
  // Nearly every enrollment arrives as one copy: check that cheaply before grouping.
  const one = records[0]!;
  let single = true;
  for (const r of records)
    if (r.senderId !== one.senderId || r.interchangeControl !== one.interchangeControl || r.transactionControl !== one.transactionControl) single = false;
  const copies = single ? [records] : [...groupBy(records, copyKey).values()];
  let misrouted: InsurerRecord | undefined;
  let invariantBroken: InsurerRecord | undefined;
  for (const r of records) {
    if (!misrouted && r.receiverIssuerId !== issuerOf(planId || r.planId)) misrouted = r;
    if (!invariantBroken && !invariantHolds(r)) invariantBroken = r;
  }
  return {
    copies,
    interchanges: single ? 1 : new Set(records.map((r) => `${r.senderId}\u0000${r.interchangeControl}`)).size,
    memberListedTwice: copies.some(repeatsMember),
    misrouted,
    invariantBroken,
  };
}
