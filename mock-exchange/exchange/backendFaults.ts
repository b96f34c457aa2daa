// Back-end fault injection: what went wrong between exchange and insurers in 2013, on purpose and countable.
// Every decision is a pure function of the switch and the enrollment (shouldInject), so a run's injected counts are exact.

import type { Enrollment } from '../../domain/enrollment.ts';
import { BACKEND_DELAY_HOLD_MS, GARBLE_FIELDS, shouldInject, type FaultSet, type GarbleField } from '../faults/index.ts';

export interface RowPlan {
  drop: boolean;
  /** Not before this instant (ms); the backend.delay fault. */
  holdUntilMs: number;
  delayed: boolean;
  /** The issuer the 834 is addressed to. */
  addressedTo: string;
  misrouted: boolean;
  garbled: GarbleField[];
}

const keyOf = (fault: string, confirmation: string, copy: number): string => `${fault}:${confirmation}:${copy}`;

export function createBackendFaults(faults: FaultSet, issuerIds: readonly string[]) {
  const delay = faults.values.get('backend.delay');
  const holdMs = faults.durationMs('backend.delay.hold') || BACKEND_DELAY_HOLD_MS;

  function delayOf(confirmation: string, copy: number): number {
    if (!delay) return 0;
    if (delay.kind === 'duration') return delay.ms;
    return shouldInject(delay.rate, keyOf('backend.delay', confirmation, copy)) ? holdMs : 0;
  }

  /** Another issuer than the plan's, chosen from the confirmation so it is stable across retries. */
  function otherIssuer(issuerId: string, confirmation: string): string {
    const others = issuerIds.filter((id) => id !== issuerId);
    if (others.length === 0) return issuerId;
    let h = 0;
    for (const c of confirmation) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return others[h % others.length]!;
  }

  return {
    /** How many outbox copies a new enrollment gets: 2 under backend.duplicate (never for one that will be dropped). */
    copiesOf(confirmation: string): number {
      const dropped = shouldInject(faults.rate('backend.drop'), keyOf('backend.drop', confirmation, 0));
      return !dropped && shouldInject(faults.rate('backend.duplicate'), keyOf('backend.duplicate', confirmation, 0)) ? 2 : 1;
    },
    /**
     * Whether a new enrollment's 834 will be held back (backend.delay; never one that will be dropped): counted when it
     * is confirmed, so a hold longer than the harness waits is still in injected.json.
     */
    delayed(confirmation: string): boolean {
      return delayOf(confirmation, 0) > 0 && !shouldInject(faults.rate('backend.drop'), keyOf('backend.drop', confirmation, 0));
    },
    /**
     * What happens to one outbox row. Faults act on the original (copy 0) only: a duplicate is a faithful re-send,
     * so each injected fault is one defect of one enrollment and the counts compare exactly.
     */
    plan(row: { confirmation: string; copy: number; issuerId: string; confirmedAt: string; memberCount: number }): RowPlan {
      const { confirmation, copy, issuerId } = row;
      if (copy > 0) return { drop: false, holdUntilMs: 0, delayed: false, addressedTo: issuerId, misrouted: false, garbled: [] };
      const delayMs = delayOf(confirmation, copy);
      const misrouted = shouldInject(faults.rate('backend.misroute'), keyOf('backend.misroute', confirmation, copy));
      return {
        drop: shouldInject(faults.rate('backend.drop'), keyOf('backend.drop', confirmation, copy)),
        holdUntilMs: Date.parse(row.confirmedAt) + delayMs,
        delayed: delayMs > 0,
        addressedTo: misrouted ? otherIssuer(issuerId, confirmation) : issuerId,
        misrouted,
        garbled: GARBLE_FIELDS.filter(
          (field) =>
            // Relabelling needs a dependent: the subscriber must stay "self" (INS*Y*18) or the insurer rejects the file.
            (field !== 'relationship' || row.memberCount > 1) &&
            shouldInject(faults.rate(`backend.garble.${field}`), keyOf(`backend.garble.${field}`, confirmation, copy)),
        ),
      };
    },
  };
}

export type BackendFaults = ReturnType<typeof createBackendFaults>;

const shiftDate = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const money = (n: number): number => Math.round(n * 100) / 100;

/**
 * The enrollment as the faulty back end sends it. Amount garbles keep the insurer's premium invariant
 * (PRE AMT TOT = APTC + OTH PAY + TOT RES), so they show as wrong values, not as a broken file.
 */
export function garble(enrollment: Enrollment, fields: readonly GarbleField[]): Enrollment {
  if (fields.length === 0) return enrollment;
  const e: Enrollment = structuredClone(enrollment);
  const subscriber = e.members[0]!;
  for (const field of fields) {
    if (field === 'relationship') {
      // A child listed as spouse, or a spouse as child: the last dependent is relabelled.
      const member = e.members.at(-1)!;
      if (member.relationship !== 'self') member.relationship = member.relationship === 'child' ? 'spouse' : 'child';
    } else if (field === 'dob') subscriber.dob = shiftDate(subscriber.dob, 1);
    else if (field === 'ssn') subscriber.ssn = subscriber.ssn.slice(0, 8) + String((Number(subscriber.ssn[8]) + 1) % 10);
    else if (field === 'ratingArea') e.ratingArea = e.ratingArea.replace(/\d+$/, (n) => String((Number(n) % 999) + 1).padStart(n.length, '0'));
    else if (field === 'planId') e.planId = `${e.planId.slice(0, 14)}-${e.planId.endsWith('-00') ? '01' : '00'}`;
    else if (field === 'aptc') {
      const shift = e.owed >= 10 ? 10 : -Math.min(10, e.aptc);
      e.aptc = money(e.aptc + shift);
      e.owed = money(e.owed - shift);
    } else if (field === 'premium') {
      e.premium = money(e.premium + 10);
      e.owed = money(e.owed + 10);
      subscriber.premium = money(subscriber.premium + 10);
    }
  }
  return e;
}
