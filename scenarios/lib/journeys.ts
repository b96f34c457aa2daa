// Consumer journeys. `enrollJourney`: create account → apply → eligibility → shop → enroll, every answer checked.

import { check, sleep } from 'k6';
import type { Household } from '../../domain/household.ts';
import { ExchangeClient, type Confirmation, type EligibilityAnswer } from './exchangeClient.ts';
import { ENROLLMENT_JOURNEY } from './journeyShape.ts';
import { recordConfirmation } from './ledger.ts';
import { enrollmentsConfirmed, journeyDuration, oracleMismatches } from './metrics.ts';
import { confirmationMismatches, eligibilityMismatches } from './oracleChecks.ts';
import { waitForAdmission } from './waitingRoom.ts';

function think(seconds: number): void {
  const { min, max } = ENROLLMENT_JOURNEY.thinkSpread;
  if (seconds > 0) sleep(seconds * (min + Math.random() * (max - min)));
}

function oracleCheck(step: string, wrong: string[]): boolean {
  oracleMismatches.add(wrong.length > 0 ? 1 : 0, { step });
  return check(wrong, { [`${step} matches the oracle`]: (w) => w.length === 0 });
}

export function enrollJourney(baseUrl: string, household: Household, thinkTimeSeconds: number, maxQueueSeconds: number): void {
  const client = new ExchangeClient(baseUrl);
  if (!check(waitForAdmission(client, maxQueueSeconds), { 'admitted by the waiting room': (admitted) => admitted })) return;
  try {
    enrollSteps(client, household, thinkTimeSeconds);
  } finally {
    client.leaveWaitingRoom();
  }
}

function enrollSteps(client: ExchangeClient, household: Household, thinkTimeSeconds: number): void {
  const planYear = household.expected.planYear;
  const started = Date.now();

  const account = client.createAccount(household.email);
  if (!check(account, { 'account created (201)': (r) => r.status === 201 })) return;
  think(thinkTimeSeconds);

  const application = client.submitApplication(household, planYear);
  if (!check(application, { 'application accepted (201)': (r) => r.status === 201 })) return;
  const applicationId = String(application.json('applicationId'));
  think(thinkTimeSeconds);

  const eligibility = client.determineEligibility(applicationId);
  if (!check(eligibility, { 'eligibility determined (200)': (r) => r.status === 200 })) return;
  oracleCheck('eligibility', eligibilityMismatches(eligibility.json() as unknown as EligibilityAnswer, household.expected));
  think(thinkTimeSeconds);

  const plans = client.listPlans(applicationId);
  check(plans, { 'plans listed (200)': (r) => r.status === 200 });
  think(thinkTimeSeconds);

  const enrolled = client.enroll(applicationId, household.plan.id);
  if (!check(enrolled, { 'enrollment confirmed (201)': (r) => r.status === 201 })) return;
  const confirmation = enrolled.json() as unknown as Confirmation;
  enrollmentsConfirmed.add(1);
  recordConfirmation({
    householdId: household.id,
    confirmationNumber: confirmation.confirmationNumber,
    planId: confirmation.planId,
    premium: confirmation.premium,
    aptc: confirmation.aptc,
    owed: confirmation.owed,
    effectiveDate: confirmation.effectiveDate,
    confirmedAt: new Date().toISOString(),
  });
  oracleCheck('enrollment', confirmationMismatches(confirmation, household.expected));
  journeyDuration.add(Date.now() - started);
}
