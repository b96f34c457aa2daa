// Consumer journeys on the engine's runtime, every answer checked (vocabulary/journeys.ts has their shapes as data):
//   browse    — anonymous plans and premiums at the household's ZIP, then for the subscriber alone;
//   apply     — waiting room → account → application → eligibility → plans, and leave without enrolling;
//   enroll    — waiting room → account → application → eligibility → plans → enrollment (into the ledger);
//   returning — waiting room → log in to an account enrolled earlier on this worker, and check the enrollment shown.

import { ageOn, planYearStartOf } from '../../domain/ageCurve.ts';
import type { Household } from '../../domain/household.ts';
import type { JourneyContext } from '../../engine/runtime.ts';
import { THINK_SPREAD, type JourneyKind } from '../../vocabulary/journeys.ts';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';
import { browseMismatches, confirmationMismatches, eligibilityMismatches } from './oracleChecks.ts';
import { confirmationOf, ExchangeClient, stringField, type BrowsedPlan, type Confirmation, type EligibilityAnswer, type JsonObject } from './exchangeClient.ts';
import type { Ledger } from './ledger.ts';
import type { ConsumerOptions } from './options.ts';
import { waitForAdmission } from './waitingRoom.ts';

/** A worker remembers at most this many enrollments for its returning consumers, so a long soak's workers do not grow. */
export const REMEMBERED_ENROLLMENTS = 20;

export interface Enrolled {
  household: Household;
  confirmationNumber: string;
}

/** Enrollments made on this worker, oldest first: a returning consumer takes the oldest. */
export class EnrolledHere {
  private readonly kept: Enrolled[] = [];
  private readonly limit: number;

  constructor(limit = REMEMBERED_ENROLLMENTS) {
    this.limit = limit;
  }

  get size(): number {
    return this.kept.length;
  }

  remember(enrolled: Enrolled): void {
    this.kept.push(enrolled);
    if (this.kept.length > this.limit) this.kept.shift();
  }

  takeOldest(): Enrolled | undefined {
    return this.kept.shift();
  }

  /** A consumer who could not come back (the waiting room turned it away) leaves its enrollment for the next. */
  giveBack(enrolled: Enrolled): void {
    if (this.kept.length < this.limit) this.kept.unshift(enrolled);
  }
}

/** What the journeys of one worker share: its options, its ledger, its remembered enrollments, its randomness. */
export interface ConsumerWorker {
  options: Pick<ConsumerOptions, 'baseUrl' | 'thinkTimeSeconds' | 'maxQueueSeconds'>;
  ledger: Ledger;
  enrolled: EnrolledHere;
  /** Uniform in [0, 1): spreads the think time. */
  random: () => number;
}

export function createConsumerWorker(options: ConsumerWorker['options'], ledger: Ledger): ConsumerWorker {
  return { options, ledger, enrolled: new EnrolledHere(), random: Math.random };
}

function think(context: JourneyContext, worker: ConsumerWorker): Promise<void> {
  const seconds = worker.options.thinkTimeSeconds;
  if (seconds <= 0) return Promise.resolve();
  return context.sleep(seconds * (THINK_SPREAD.min + worker.random() * (THINK_SPREAD.max - THINK_SPREAD.min)));
}

function oracleCheck(context: JourneyContext, step: string, wrong: string[]): boolean {
  context.counter(METRIC_NAMES.oracleMismatches, wrong.length > 0 ? 1 : 0, { step });
  return context.check(`${step} matches the oracle`, wrong.length === 0);
}

const objectsIn = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter((v): v is JsonObject => typeof v === 'object' && v !== null) : []);

/** Runs one consumer's journey. A returning consumer with no enrollment to come back to (none made yet on this worker) browses. */
export async function consumerJourney(kind: JourneyKind, household: Household, context: JourneyContext, worker: ConsumerWorker): Promise<void> {
  // Taken now, not after admission: journeys on a worker run concurrently, and two must not come back to one enrollment.
  const comingBack = kind === 'returning' ? worker.enrolled.takeOldest() : undefined;
  const journey = kind === 'returning' && comingBack === undefined ? 'browse' : kind;
  context.counter(METRIC_NAMES.journeysStarted, 1, { journey });
  const started = performance.now();
  const client = new ExchangeClient(context, worker.options.baseUrl);
  const completed =
    journey === 'browse' ? await browse(client, household, context, worker) : await admitted(client, journey, household, comingBack, context, worker);
  if (completed) context.trend(METRIC_NAMES.journeyDuration, performance.now() - started, { journey });
}

/** The journeys behind the waiting room: admitted first, signed out at the end whatever happens. */
async function admitted(
  client: ExchangeClient,
  journey: Exclude<JourneyKind, 'browse'>,
  household: Household,
  comingBack: Enrolled | undefined,
  context: JourneyContext,
  worker: ConsumerWorker,
): Promise<boolean> {
  const clock = { now: () => performance.now(), sleep: (seconds: number) => context.sleep(seconds) };
  const admission = await waitForAdmission(client, clock, worker.options.maxQueueSeconds);
  context.trend(METRIC_NAMES.waitingRoomWait, admission.waitedMs);
  if (!context.check('admitted by the waiting room', admission.admitted)) {
    if (comingBack) worker.enrolled.giveBack(comingBack);
    return false;
  }
  try {
    if (journey === 'returning') return await returning(client, comingBack!, context, worker);
    const applicationId = await applyAndShop(client, household, context, worker);
    if (applicationId === undefined) return false;
    // Referred to Medicaid/CHIP: the journey ends at eligibility, completed (no plan is sold to this household).
    if (applicationId === REFERRED) return true;
    return journey === 'apply' || (await enroll(client, household, applicationId, context, worker));
  } finally {
    // A journey cut off by the end of the test has no connection left to sign out with.
    if (!context.signal.aborted) await client.leaveWaitingRoom();
  }
}

async function browse(client: ExchangeClient, household: Household, context: JourneyContext, worker: ConsumerWorker): Promise<boolean> {
  const planYear = household.expected.planYear;
  const ages = household.members.map((m) => ageOn(m.dob, planYearStartOf(planYear)));
  const everyone = await client.browsePlans(household.zip, planYear, ages);
  if (!context.check('plans browsed (200)', everyone.status === 200)) return false;
  oracleCheck(context, 'browse', browseMismatches(objectsIn(everyone.body?.plans) as unknown as BrowsedPlan[], household));
  await think(context, worker);
  const subscriber = await client.browsePlans(household.zip, planYear, ages.slice(0, 1));
  return context.check('plans browsed (200)', subscriber.status === 200);
}

/** What applyAndShop returns for a household the exchange rightly referred to Medicaid/CHIP. */
const REFERRED = Symbol('referred to Medicaid/CHIP');

/**
 * Account, application, eligibility (checked against the oracle), plans: the application id, REFERRED when the
 * household is (rightly) referred to Medicaid/CHIP, or undefined on a failure.
 */
async function applyAndShop(
  client: ExchangeClient,
  household: Household,
  context: JourneyContext,
  worker: ConsumerWorker,
): Promise<string | typeof REFERRED | undefined> {
  const account = await client.createAccount(household.email);
  if (!context.check('account created (201)', account.status === 201)) return undefined;
  await think(context, worker);

  const application = await client.submitApplication(household, household.expected.planYear);
  const applicationId = stringField(application.body, 'applicationId');
  if (!context.check('application accepted (201)', application.status === 201 && applicationId !== undefined)) return undefined;
  await think(context, worker);

  const eligibility = await client.determineEligibility(applicationId!);
  if (!context.check('eligibility determined (200)', eligibility.status === 200 && eligibility.body !== undefined)) return undefined;
  const answer = eligibility.body as unknown as EligibilityAnswer;
  const rightAnswer = oracleCheck(context, 'eligibility', eligibilityMismatches(answer, household.expected));
  if (answer.result === 'medicaid' && rightAnswer) {
    context.counter(METRIC_NAMES.medicaidReferrals, 1);
    return REFERRED;
  }
  await think(context, worker);

  const plans = await client.listPlans(applicationId!);
  if (!context.check('plans listed (200)', plans.status === 200)) return undefined;
  return applicationId;
}

async function enroll(client: ExchangeClient, household: Household, applicationId: string, context: JourneyContext, worker: ConsumerWorker): Promise<boolean> {
  await think(context, worker);
  const enrolled = await client.enroll(applicationId, household.plan.id);
  const confirmation = enrolled.status === 201 ? confirmationOf(enrolled.body) : undefined;
  if (!context.check('enrollment confirmed (201)', confirmation !== undefined)) return false;
  // Into the ledger first: from here on the consumer has been told.
  worker.ledger.record(household.id, confirmation!);
  context.counter(METRIC_NAMES.enrollmentsConfirmed, 1);
  oracleCheck(context, 'enrollment', confirmationMismatches(confirmation!, household.expected));
  worker.enrolled.remember({ household, confirmationNumber: confirmation!.confirmationNumber });
  return true;
}

/** Logs in to an account enrolled earlier and checks the enrollment it shows against the oracle. */
async function returning(
  client: ExchangeClient,
  { household, confirmationNumber }: Enrolled,
  context: JourneyContext,
  worker: ConsumerWorker,
): Promise<boolean> {
  if (!context.check('logged in (200)', (await client.logIn(household.email)).status === 200)) return false;
  await think(context, worker);
  const listed = await client.myEnrollments();
  if (!context.check('own enrollments listed (200)', listed.status === 200)) return false;
  const mine = objectsIn(listed.body?.enrollments).find((e) => e.confirmationNumber === confirmationNumber);
  oracleCheck(context, 'returning', mine ? confirmationMismatches(mine as unknown as Confirmation, household.expected) : ['confirmationNumber']);
  return true;
}
