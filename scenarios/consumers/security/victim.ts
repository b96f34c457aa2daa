// The account the probes attack: a synthetic consumer from the applicant file who applies twice and enrolls once.
// Its enrollment is a real one, so it goes in the ledger and reconciliation expects it at the insurer.

import type { Household } from '../../../domain/household.ts';
import { applicationBody, confirmationOf, stringField } from '../exchangeClient.ts';
import type { Ledger } from '../ledger.ts';
import { PROBE_PASSWORD, type Account, type ProbeSender } from './probeKit.ts';
import { REQUESTS } from '../../../vocabulary/requests.ts';

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

export async function prepareVictim(sender: ProbeSender, household: Household, ledger: Ledger): Promise<Victim | undefined> {
  const planYear = household.expected.planYear;
  const created = await sender.json('POST', '/api/v1/accounts', REQUESTS.createAccount, { email: household.email, password: PROBE_PASSWORD });
  const [accountId, token] = [stringField(created.body, 'accountId'), stringField(created.body, 'token')];
  if (created.status !== 201 || accountId === undefined || token === undefined) return undefined;
  const account = { accountId, token, email: household.email };
  const apply = () => sender.json('POST', '/api/v1/applications', REQUESTS.submitApplication, applicationBody(household, planYear), account.token);
  const [first, spare] = [await apply(), await apply()];
  const [applicationId, spareApplicationId] = [stringField(first.body, 'applicationId'), stringField(spare.body, 'applicationId')];
  if (first.status !== 201 || spare.status !== 201 || applicationId === undefined || spareApplicationId === undefined) return undefined;
  const enrolled = await sender.json(
    'POST',
    `/api/v1/applications/${applicationId}/enrollments`,
    REQUESTS.enroll,
    { planId: household.plan.id },
    account.token,
  );
  const confirmation = enrolled.status === 201 ? confirmationOf(enrolled.body) : undefined;
  if (!confirmation) return undefined;
  ledger.record(household.id, confirmation);
  const login = await sender.json('POST', '/api/v1/sessions', REQUESTS.logIn, {
    email: household.email,
    password: PROBE_PASSWORD,
    ttlSeconds: EXPIRED_TOKEN_TTL_SECONDS,
  });
  const [shortToken, expiresAt] = [stringField(login.body, 'token'), stringField(login.body, 'expiresAt')];
  return {
    account,
    applicationId,
    spareApplicationId,
    confirmationNumber: confirmation.confirmationNumber,
    planId: household.plan.id,
    household,
    shortToken:
      login.status === 200 && shortToken !== undefined && expiresAt !== undefined ? { token: shortToken, expiresAtMs: Date.parse(expiresAt) } : undefined,
  };
}
