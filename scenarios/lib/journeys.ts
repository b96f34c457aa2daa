// Consumer journeys, every answer checked (journeyShape.ts has their shapes as data):
//   browse    — anonymous plans and premiums at the household's ZIP, then for the subscriber alone;
//   apply     — create account → apply → eligibility → shop, and leave without enrolling;
//   enroll    — create account → apply → eligibility → shop → enroll;
//   returning — log in to an account this VU enrolled earlier and check the enrollment shown.

import { check, sleep } from 'k6';
import { ageOn, effectiveDateOf } from '../../domain/ageCurve.ts';
import type { Household } from '../../domain/household.ts';
import { ExchangeClient, type BrowsedPlan, type Confirmation, type EligibilityAnswer } from './exchangeClient.ts';
import { THINK_SPREAD, type JourneyKind } from './journeyShape.ts';
import { recordConfirmation } from './ledger.ts';
import { enrollmentsConfirmed, journeyDuration, journeysStarted, oracleMismatches } from './metrics.ts';
import { browseMismatches, confirmationMismatches, eligibilityMismatches } from './oracleChecks.ts';
import { waitForAdmission } from './waitingRoom.ts';

export interface JourneyContext {
  baseUrl: string;
  thinkTimeSeconds: number;
  maxQueueSeconds: number;
}

/** Enrollments this VU made, oldest first, for its returning consumers (each VU has its own copy of this module). */
const enrolledHere: Array<{ household: Household; confirmationNumber: string }> = [];
/** A VU remembers at most this many, so a long soak's VUs do not grow. */
const REMEMBERED_ENROLLMENTS = 20;

function think(seconds: number): void {
  if (seconds > 0) sleep(seconds * (THINK_SPREAD.min + Math.random() * (THINK_SPREAD.max - THINK_SPREAD.min)));
}

function oracleCheck(step: string, wrong: string[]): boolean {
  oracleMismatches.add(wrong.length > 0 ? 1 : 0, { step });
  return check(wrong, { [`${step} matches the oracle`]: (w) => w.length === 0 });
}

/** Runs one consumer's journey. A returning consumer with no enrollment to come back to (none made yet on this VU) browses. */
export function consumerJourney(kind: JourneyKind, household: Household, context: JourneyContext): void {
  const journey = kind === 'returning' && enrolledHere.length === 0 ? 'browse' : kind;
  journeysStarted.add(1, { journey });
  const started = Date.now();
  const completed = journey === 'browse' ? browse(new ExchangeClient(context.baseUrl), household, context.thinkTimeSeconds) : admitted(journey, household, context);
  if (completed) journeyDuration.add(Date.now() - started, { journey });
}

/** The journeys behind the waiting room: admitted first, signed out at the end whatever happens. */
function admitted(journey: Exclude<JourneyKind, 'browse'>, household: Household, context: JourneyContext): boolean {
  const client = new ExchangeClient(context.baseUrl);
  if (!check(waitForAdmission(client, context.maxQueueSeconds), { 'admitted by the waiting room': (admitted) => admitted })) return false;
  try {
    if (journey === 'returning') return returning(client, context.thinkTimeSeconds);
    const applicationId = applyAndShop(client, household, context.thinkTimeSeconds);
    if (applicationId === undefined) return false;
    return journey === 'apply' || enroll(client, household, applicationId, context.thinkTimeSeconds);
  } finally {
    client.leaveWaitingRoom();
  }
}

function browse(client: ExchangeClient, household: Household, thinkTimeSeconds: number): boolean {
  const planYear = household.expected.planYear;
  const ages = household.members.map((m) => ageOn(m.dob, effectiveDateOf(planYear)));
  const everyone = client.browsePlans(household.zip, planYear, ages);
  if (!check(everyone, { 'plans browsed (200)': (r) => r.status === 200 })) return false;
  oracleCheck('browse', browseMismatches((everyone.json('plans') ?? []) as unknown as BrowsedPlan[], household));
  think(thinkTimeSeconds);
  return check(client.browsePlans(household.zip, planYear, ages.slice(0, 1)), { 'plans browsed (200)': (r) => r.status === 200 });
}

/** Account, application, eligibility (checked against the oracle), plans: the application id, or undefined on a failure. */
function applyAndShop(client: ExchangeClient, household: Household, thinkTimeSeconds: number): string | undefined {
  const account = client.createAccount(household.email);
  if (!check(account, { 'account created (201)': (r) => r.status === 201 })) return undefined;
  think(thinkTimeSeconds);

  const application = client.submitApplication(household, household.expected.planYear);
  if (!check(application, { 'application accepted (201)': (r) => r.status === 201 })) return undefined;
  const applicationId = String(application.json('applicationId'));
  think(thinkTimeSeconds);

  const eligibility = client.determineEligibility(applicationId);
  if (!check(eligibility, { 'eligibility determined (200)': (r) => r.status === 200 })) return undefined;
  oracleCheck('eligibility', eligibilityMismatches(eligibility.json() as unknown as EligibilityAnswer, household.expected));
  think(thinkTimeSeconds);

  const plans = client.listPlans(applicationId);
  if (!check(plans, { 'plans listed (200)': (r) => r.status === 200 })) return undefined;
  return applicationId;
}

function enroll(client: ExchangeClient, household: Household, applicationId: string, thinkTimeSeconds: number): boolean {
  think(thinkTimeSeconds);
  const enrolled = client.enroll(applicationId, household.plan.id);
  if (!check(enrolled, { 'enrollment confirmed (201)': (r) => r.status === 201 })) return false;
  const confirmation = enrolled.json() as unknown as Confirmation;
  enrollmentsConfirmed.add(1);
  recordConfirmation(household.id, confirmation);
  oracleCheck('enrollment', confirmationMismatches(confirmation, household.expected));
  enrolledHere.push({ household, confirmationNumber: confirmation.confirmationNumber });
  if (enrolledHere.length > REMEMBERED_ENROLLMENTS) enrolledHere.shift();
  return true;
}

/** Logs in to an account enrolled earlier and checks the enrollment it shows against the oracle. */
function returning(client: ExchangeClient, thinkTimeSeconds: number): boolean {
  const { household, confirmationNumber } = enrolledHere.shift()!;
  if (!check(client.logIn(household.email), { 'logged in (200)': (r) => r.status === 200 })) return false;
  think(thinkTimeSeconds);
  const listed = client.myEnrollments();
  if (!check(listed, { 'own enrollments listed (200)': (r) => r.status === 200 })) return false;
  const mine = ((listed.json('enrollments') ?? []) as unknown as Confirmation[]).find((e) => e.confirmationNumber === confirmationNumber);
  oracleCheck('returning', mine ? confirmationMismatches(mine, household.expected) : ['confirmationNumber']);
  return true;
}
