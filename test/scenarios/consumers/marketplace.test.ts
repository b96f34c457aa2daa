// The marketplace journey module through the real engine (in-process) against the real mock exchange and insurer:
// what each plan's arithmetic predicts — ledger lines, confirmations the exchange holds and the insurer received
// intact, oracle mismatches (none on a healthy exchange, one per enrollment under exchange.wrongSubsidy=1), the
// funnel's journey kinds, a test split in two segments, and running out of applicants.

import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Household } from '../../../domain/household.ts';
import { ENGINE_METRICS } from '../../../vocabulary/metrics/engine.ts';
import { runPlan } from '../../../engine/runPlan.ts';
import { openExchangeStore } from '../../../mock-exchange/exchange/store.ts';
import { readInsurerRecords, readLedger } from '../../../reconcile/ndjson.ts';
import { reconcile } from '../../../reconcile/reconcile.ts';
import { REMEMBERED_ENROLLMENTS } from '../../../scenarios/consumers/journeys.ts';
import { concatenateLedgers } from '../../../scenarios/consumers/ledger.ts';
import { JOURNEY_KINDS, journeyFor, type JourneyKind, type JourneyMix } from '../../../vocabulary/journeys.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';
import { testTargets } from '../../vocabulary/targetsFixture.ts';
import {
  applicantsFile,
  drained,
  failedChecks,
  households,
  MARKETPLACE_MODULE,
  referredHouseholds,
  run,
  samples,
  sharedIterations,
  startStack,
  total,
  type Stack,
} from './stack.ts';
import { ENROLLMENT_REQUESTS } from '../../../vocabulary/requests.ts';

const N = 12;
const people: Household[] = households(60, 31);

const enrollOptions = (stack: Stack, file: string, ledgerDir: string) => ({
  baseUrl: stack.baseUrl,
  applicantsFile: file,
  thinkTimeSeconds: 0,
  maxQueueSeconds: 10,
  ledgerDir,
  mode: 'enroll',
});

describe('marketplace on a healthy exchange', () => {
  let stack: Stack;
  let file: string;
  beforeAll(async () => {
    stack = await startStack();
    file = await applicantsFile(stack.dir, people);
  });
  afterAll(() => stack.stop());

  it(`enroll mode, ${N} shared iterations on 3 users: ${N} ledger lines, each a confirmation the exchange holds and the insurer received intact; no oracle mismatch`, async () => {
    const ledgerDir = join(stack.dir, 'ledger-enroll');
    const result = await run(sharedIterations(N, 3), MARKETPLACE_MODULE, enrollOptions(stack, file, ledgerDir));
    expect(result.journeyErrors).toEqual([]);
    expect(failedChecks(result)).toEqual({});
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(N);
    expect(total(result, METRIC_NAMES.journeysStarted, { journey: 'enroll' })).toBe(N);
    expect(samples(result, METRIC_NAMES.journeyDuration, { journey: 'enroll' })).toBe(N);
    expect(samples(result, METRIC_NAMES.waitingRoomWait)).toBe(N);
    // Two oracle steps per enrollment (eligibility, enrollment), each recorded, none wrong.
    expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'eligibility' })).toBe(N);
    expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'enrollment' })).toBe(N);
    expect(total(result, METRIC_NAMES.oracleMismatches)).toBe(0);
    // Requests are named by route, never by a person's id: 7 per enrollment journey over 7 names.
    const routes = result.totals
      .all()
      .filter((s) => s.name === ENGINE_METRICS.requests)
      .map((s) => s.tags.name);
    expect(new Set(routes)).toEqual(new Set(ENROLLMENT_REQUESTS));
    expect(ENROLLMENT_REQUESTS).toHaveLength(7);
    expect(total(result, ENGINE_METRICS.requests)).toBe(ENROLLMENT_REQUESTS.length * N);

    expect(readdirSync(ledgerDir)).toEqual(['ledger.0-of-1.ndjson']);
    const out = join(stack.dir, 'ledger-enroll.ndjson');
    expect(await concatenateLedgers(ledgerDir, out)).toMatchObject({ entries: N, torn: [] });
    const ledger = await readLedger(out);
    expect(ledger.map((e) => e.householdId).sort()).toEqual(
      people
        .slice(0, N)
        .map((h) => h.id)
        .sort(),
    );

    await drained(stack.baseUrl);
    const store = openExchangeStore(stack.exchangeDir);
    try {
      for (const entry of ledger) expect(store.findEnrollment(entry.confirmationNumber)?.enrollment.aptc, entry.confirmationNumber).toBe(entry.aptc);
    } finally {
      store.close();
    }
    const recordsFile = join(stack.dir, 'records.ndjson');
    writeFileSync(recordsFile, await (await fetch(`${stack.insurerUrl}/records`)).text());
    const outcome = reconcile({ households: people.slice(0, N), ledger, received: await readInsurerRecords(recordsFile), deadlineMs: 60_000 });
    expect(outcome.enrollments).toEqual({ intended: N, confirmed: N, received: N, intact: N });
    expect(Object.values(outcome.classes).every((n) => n === 0)).toBe(true);
  });

  it('households referred to Medicaid/CHIP: the enroll journey ends at eligibility, completed and counted; no ledger line, nothing intended', async () => {
    const referred = referredHouseholds(4, 31);
    const referredFile = await applicantsFile(stack.dir, referred);
    const ledgerDir = join(stack.dir, 'ledger-referred');
    const result = await run(sharedIterations(referred.length, 2), MARKETPLACE_MODULE, enrollOptions(stack, referredFile, ledgerDir));
    expect(result.journeyErrors).toEqual([]);
    expect(failedChecks(result)).toEqual({});
    expect(total(result, METRIC_NAMES.medicaidReferrals)).toBe(referred.length);
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(0);
    expect(samples(result, METRIC_NAMES.journeyDuration, { journey: 'enroll' })).toBe(referred.length);
    expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'eligibility' })).toBe(referred.length);
    expect(total(result, METRIC_NAMES.oracleMismatches)).toBe(0);
    // Neither plans nor an enrollment were asked for.
    expect(total(result, 'http_reqs', { name: 'POST /api/v1/applications/:id/enrollments' })).toBe(0);
    expect(total(result, 'http_reqs', { name: 'GET /api/v1/applications/:id/plans' })).toBe(0);
    const out = join(stack.dir, 'ledger-referred.ndjson');
    expect(await concatenateLedgers(ledgerDir, out)).toMatchObject({ entries: 0 });
    const outcome = reconcile({ households: referred, ledger: [], received: [], deadlineMs: 60_000 });
    expect(outcome.enrollments).toEqual({ intended: 0, confirmed: 0, received: 0, intact: 0 });
    expect(outcome.classes.lost).toBe(0);
  });

  it('funnel mode on one user: each kind as journeyFor gives it (a returning consumer with nothing to come back to browses), every kind within 2 of its share', async () => {
    const journeys = 40;
    const mix: JourneyMix = testTargets().funnel;
    const planned = Object.fromEntries(JOURNEY_KINDS.map((kind) => [kind, 0])) as Record<JourneyKind, number>;
    const made = { ...planned };
    let remembered = 0;
    for (let k = 0; k < journeys; k++) {
      const kind = journeyFor(k, mix);
      planned[kind]++;
      // One user makes its journeys in order, so what it remembers is known at each journey.
      const actual = kind === 'returning' && remembered === 0 ? 'browse' : kind;
      if (actual === 'returning') remembered--;
      if (actual === 'enroll') remembered = Math.min(remembered + 1, REMEMBERED_ENROLLMENTS);
      made[actual]++;
    }
    // The golden-ratio sequence keeps a kind's interval of shares within about one journey of its share; two at most.
    for (const kind of JOURNEY_KINDS) expect(Math.abs(planned[kind] - journeys * mix[kind]), kind).toBeLessThanOrEqual(2);
    expect(made.returning).toBeGreaterThan(0);

    // Journey k takes applicant k: a fresh exchange, so the e-mails of the enrollments above are not taken.
    const own = await startStack();
    try {
      const ownFile = await applicantsFile(own.dir, people);
      const ledgerDir = join(own.dir, 'ledger-funnel');
      const result = await run(sharedIterations(journeys, 1), MARKETPLACE_MODULE, {
        ...enrollOptions(own, ownFile, ledgerDir),
        mode: 'funnel',
        journeyMix: mix,
      });
      expect(result.journeyErrors).toEqual([]);
      expect(failedChecks(result)).toEqual({});
      for (const kind of JOURNEY_KINDS) expect(total(result, METRIC_NAMES.journeysStarted, { journey: kind }), kind).toBe(made[kind]);
      expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(made.enroll);
      // Browsing has one oracle step, apply one (eligibility), enroll two, returning one.
      expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'browse' })).toBe(made.browse);
      expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'eligibility' })).toBe(made.apply + made.enroll);
      expect(samples(result, METRIC_NAMES.oracleMismatches, { step: 'returning' })).toBe(made.returning);
      expect(total(result, METRIC_NAMES.oracleMismatches)).toBe(0);
      expect((await concatenateLedgers(ledgerDir, join(own.dir, 'ledger.ndjson'))).entries).toBe(made.enroll);
    } finally {
      await own.stop();
    }
  });
});

describe('marketplace on an exchange with exchange.wrongSubsidy=1', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ faults: 'exchange.wrongSubsidy=1' });
  });
  afterAll(() => stack.stop());

  it(`every one of ${N} confirmations differs from the oracle's APTC: ${N} enrollment mismatches, eligibility's fields untouched, and the ledger keeps what the consumer was told`, async () => {
    const file = await applicantsFile(stack.dir, people);
    const ledgerDir = join(stack.dir, 'ledger');
    const result = await run(sharedIterations(N, 3), MARKETPLACE_MODULE, enrollOptions(stack, file, ledgerDir));
    expect(result.journeyErrors).toEqual([]);
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(N);
    expect(total(result, METRIC_NAMES.oracleMismatches, { step: 'enrollment' })).toBe(N);
    // The fault raises the maximum credit, which the eligibility check does not compare (it checks the % FPL, the
    // Medicaid range, the applicable percentage and the benchmark): the wrong amount shows in the confirmation.
    expect(total(result, METRIC_NAMES.oracleMismatches, { step: 'eligibility' })).toBe(0);
    expect(failedChecks(result)).toEqual({ 'enrollment matches the oracle': N });
    const ledger = await readLedger(join(ledgerDir, 'ledger.0-of-1.ndjson'));
    const expectedAptc = new Map(people.map((h) => [h.id, h.expected.aptc]));
    expect(ledger.filter((e) => Math.abs(e.aptc - expectedAptc.get(e.householdId)!) >= 0.005)).toHaveLength(N);
  });
});

describe('marketplace split in two segments, and past the end of the applicants', () => {
  let stack: Stack;
  let file: string;
  beforeAll(async () => {
    stack = await startStack();
    file = await applicantsFile(stack.dir, people.slice(0, N));
  });
  afterAll(() => stack.stop());

  it('segments 0 and 1 of 2 each take their own applicants and write their own ledger; joined, every applicant enrolled once', async () => {
    const ledgerDir = join(stack.dir, 'ledger-split');
    const plan = sharedIterations(N, 2);
    const halves = [
      await run(plan, MARKETPLACE_MODULE, enrollOptions(stack, file, ledgerDir), { index: 0, of: 2 }),
      await run(plan, MARKETPLACE_MODULE, enrollOptions(stack, file, ledgerDir), { index: 1, of: 2 }),
    ];
    for (const half of halves) {
      expect(half.journeyErrors).toEqual([]);
      expect(total(half, METRIC_NAMES.enrollmentsConfirmed)).toBe(N / 2);
    }
    expect(readdirSync(ledgerDir).sort()).toEqual(['ledger.0-of-2.ndjson', 'ledger.1-of-2.ndjson']);
    const even = await readLedger(join(ledgerDir, 'ledger.0-of-2.ndjson'));
    expect(even.map((e) => e.householdId).sort()).toEqual(
      people
        .slice(0, N)
        .filter((_, k) => k % 2 === 0)
        .map((h) => h.id)
        .sort(),
    );
    const joined = join(stack.dir, 'ledger-split.ndjson');
    const concatenated = await concatenateLedgers(ledgerDir, joined);
    expect(concatenated).toEqual({ files: [join(ledgerDir, 'ledger.0-of-2.ndjson'), join(ledgerDir, 'ledger.1-of-2.ndjson')], entries: N, torn: [] });
    expect((await readLedger(joined)).map((e) => e.householdId).sort()).toEqual(
      people
        .slice(0, N)
        .map((h) => h.id)
        .sort(),
    );
  });

  it('in two worker threads (each loading the module through tsx): one ledger per thread, joined, every applicant enrolled once', async () => {
    const ledgerDir = join(stack.dir, 'ledger-threads');
    const applicants = people.slice(N, 2 * N);
    const threadsFile = await applicantsFile(stack.dir, applicants);
    const result = await runPlan({
      plan: sharedIterations(N, 4),
      journeyModule: MARKETPLACE_MODULE,
      journeyOptions: enrollOptions(stack, threadsFile, ledgerDir),
      workers: 2,
    });
    expect(result.workers).toBe(2);
    expect(result.journeyErrors).toEqual([]);
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(N);
    expect(readdirSync(ledgerDir).sort()).toEqual(['ledger.0-of-2.ndjson', 'ledger.1-of-2.ndjson']);
    const joined = join(stack.dir, 'ledger-threads.ndjson');
    expect((await concatenateLedgers(ledgerDir, joined)).entries).toBe(N);
    expect((await readLedger(joined)).map((e) => e.householdId).sort()).toEqual(applicants.map((h) => h.id).sort());
  });

  it('journeys past the last applicant end with an error that says to rerun with a larger --scale, counted once each and named once', async () => {
    const short = await applicantsFile(stack.dir, people.slice(2 * N, 2 * N + 3));
    const result = await run(sharedIterations(5, 1), MARKETPLACE_MODULE, enrollOptions(stack, short, join(stack.dir, 'ledger-short')));
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(3);
    expect(total(result, ENGINE_METRICS.journeyErrors)).toBe(2);
    expect(result.journeyErrors).toEqual(['all 3 applicants used: the plan made more journeys than the file holds; rerun with a larger --scale']);
  });
});
