// The account the probes attack: a synthetic consumer from the applicant file who applies twice and enrolls once.
// Its enrollment is a real one, so it goes in the ledger and reconciliation expects it at the insurer.

import type { Household } from '../../../domain/household.ts';
import { applicationBody, type Confirmation } from '../exchangeClient.ts';
import { recordConfirmation } from '../ledger.ts';
import { PROBE_PASSWORD, type Account, type ProbeSender } from './probeKit.ts';

export interface Victim {
  account: Account;
  /** Enrolled: read probes and an enrollment "change" (enrolling it again) aim here. */
  applicationId: string;
  /** Not enrolled, so a PUT by someone else would really change it. */
  spareApplicationId: string;
  confirmationNumber: string;
  planId: string;
  household: Household;
  /** A token the victim asked to live one second, and when it expires. */
  shortToken: { token: string; expiresAtMs: number } | undefined;
}

const EXPIRED_TOKEN_TTL_SECONDS = 1;

export function prepareVictim(sender: ProbeSender, household: Household): Victim | undefined {
  const planYear = household.expected.planYear;
  const created = sender.json('POST', '/api/v1/accounts', 'POST /api/v1/accounts', { email: household.email, password: PROBE_PASSWORD });
  if (created.status !== 201) return undefined;
  const account = { accountId: String(created.json('accountId')), token: String(created.json('token')), email: household.email };
  const apply = () => sender.json('POST', '/api/v1/applications', 'POST /api/v1/applications', applicationBody(household, planYear), account.token);
  const [first, spare] = [apply(), apply()];
  if (first.status !== 201 || spare.status !== 201) return undefined;
  const applicationId = String(first.json('applicationId'));
  const enrolled = sender.json('POST', `/api/v1/applications/${applicationId}/enrollments`, 'POST /api/v1/applications/:id/enrollments', { planId: household.plan.id }, account.token);
  if (enrolled.status !== 201) return undefined;
  const confirmation = enrolled.json() as unknown as Confirmation;
  recordConfirmation(household.id, confirmation);
  const login = sender.json('POST', '/api/v1/sessions', 'POST /api/v1/sessions', { email: household.email, password: PROBE_PASSWORD, ttlSeconds: EXPIRED_TOKEN_TTL_SECONDS });
  const shortToken = login.status === 200 ? { token: String(login.json('token')), expiresAtMs: Date.parse(String(login.json('expiresAt'))) } : undefined;
  return {
    account,
    applicationId,
    spareApplicationId: String(spare.json('applicationId')),
    confirmationNumber: confirmation.confirmationNumber,
    planId: household.plan.id,
    household,
    shortToken,
  };
}
