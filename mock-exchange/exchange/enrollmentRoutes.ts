// Enrolling and reading confirmations: POST .../applications/:id/enrollments, GET /api/v1/enrollments[/:number].
// A consumer is told "confirmed" only once the enrollment and its outbox row are durable.

import { randomBytes } from 'node:crypto';
import type { Enrollment } from '../../domain/enrollment.ts';
import { enrollmentOf, withWrongSubsidy } from './enrollmentDraft.ts';
import { HttpError } from './httpError.ts';
import type { JourneyRoute, RouteContext } from './routeContext.ts';
import { enrollmentSchema } from './schemas.ts';

/** Confirmation numbers the consumer reads out on the phone: no 0/O/1/I. */
function newConfirmationNumber(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `EN${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

/** What the consumer is shown: this is what the load engine records in the client-side ledger. */
function confirmationView(e: Enrollment) {
  return {
    confirmationNumber: e.confirmationNumber,
    effectiveDate: e.effectiveDate,
    planId: e.planId,
    issuerId: e.issuerId,
    metal: e.metal,
    premium: e.premium,
    aptc: e.aptc,
    owed: e.owed,
  };
}

export function enrollmentRoutes({ deps, access, named, faults, now }: RouteContext): JourneyRoute[] {
  const { store, rules, metrics } = deps;
  return [
    {
      method: 'POST',
      path: '/api/v1/applications/:applicationId/enrollments',
      handle: named('enroll', async (req, res) => {
        const { accountId, application, household, planYear } = access.ownApplication(req);
        const { planId } = access.bodyOf(enrollmentSchema, req.body);
        const eligibility = rules.eligibility(household, planYear);
        if (eligibility.result === 'medicaid') {
          throw new HttpError(
            422,
            'this household is eligible for Medicaid/CHIP (eligibility result "medicaid"): it is referred to the state Medicaid agency, and no plan is sold through the exchange',
          );
        }
        const quoted = rules.quote(household, planYear, planId);
        if (!quoted) throw new HttpError(422, `plan ${planId} is not sold in this household's rating area: choose one from GET .../plans`);
        const wrongSubsidy = faults.wrongSubsidy(application.id);
        const quote = wrongSubsidy ? withWrongSubsidy(quoted) : quoted;
        const confirmationNumber = newConfirmationNumber();
        const draft = enrollmentOf({ confirmationNumber, householdId: application.id, household, planYear, eligibility, quote, submittedAt: now() });
        const copies = deps.copiesOf?.(confirmationNumber) ?? 1;
        const injected = {
          ...(copies > 1 ? { 'backend.duplicate': 1 } : {}),
          ...(deps.delayedOf?.(confirmationNumber) ? { 'backend.delay': 1 } : {}),
          ...(wrongSubsidy ? { 'exchange.wrongSubsidy': 1 } : {}),
        };
        // Answered only after the group commit that holds it: the confirmation and its outbox row are durable by then.
        const enrollment = await store.confirmEnrollment(draft, application.id, accountId, copies, injected);
        if (enrollment === draft) {
          metrics.enrollmentsConfirmed.inc({ metal: enrollment.metal, issuer: enrollment.issuerId });
          deps.onConfirmed?.();
        }
        res.status(enrollment === draft ? 201 : 200).json(confirmationView(enrollment));
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/enrollments',
      handle: named('enrollments', (req, res) => {
        res.json({ enrollments: store.enrollmentsOf(access.accountOf(req)).map(confirmationView) });
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/enrollments/:confirmationNumber',
      handle: named('enrollment', (req, res) => {
        res.json(confirmationView(access.ownEnrollment(req, String(req.params.confirmationNumber))));
      }),
    },
  ];
}
