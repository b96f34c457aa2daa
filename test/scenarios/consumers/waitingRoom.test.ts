// The waiting room's client side with a fake clock and a fake door: admitted at once, queued then admitted after
// pauses that honour Retry-After and back off, and giving up when patience runs out — no real time passes. Then the
// real exchange with a room of one place, through the engine: the queue admits everyone in turn, or turns away
// those who will not wait.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../../scenarios/consumers/exchangeClient.ts';
import { pauseBeforePoll, waitForAdmission, type WaitClock, type WaitingRoomDoor } from '../../../scenarios/consumers/waitingRoom.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';
import { applicantsFile, failedChecks, households, MARKETPLACE_MODULE, run, samples, sharedIterations, startStack, total, type Stack } from './stack.ts';

const admitted = (sessionId = 's1'): Answer => ({ status: 200, body: { admitted: true, sessionId }, headers: {} });
const queued = (retryAfter?: string): Answer => ({
  status: 202,
  body: { admitted: false, ticketId: 't1', position: 1, estimatedWaitSeconds: null },
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
});

/** A clock whose sleeps move it on at once, remembering each pause. */
function fakeClock(): WaitClock & { pauses: number[] } {
  let now = 0;
  const pauses: number[] = [];
  return { pauses, now: () => now, sleep: async (seconds) => void (pauses.push(seconds), (now += seconds * 1000)) };
}

/** A door that answers entering with the first answer and each poll with the next. */
function door(answers: Answer[]): WaitingRoomDoor & { polls: string[] } {
  const polls: string[] = [];
  let next = 0;
  return { polls, enterWaitingRoom: async () => answers[next++]!, pollWaitingRoom: async (ticket) => (polls.push(ticket), answers[next++]!) };
}

describe('pauseBeforePoll', () => {
  it.each([
    ['Retry-After longer than the backoff', '5', 1, 100, 5],
    ['the backoff longer than Retry-After', '1', 4, 100, 4],
    ['no Retry-After', undefined, 2, 100, 2],
    ['a Retry-After that is not a number of seconds', 'Wed, 21 Oct 2015 07:28:00 GMT', 2, 100, 2],
    ['less patience left than either', '8', 4, 3, 3],
  ])('%s', (_what, retryAfter, backoff, left, pause) => expect(pauseBeforePoll(retryAfter, backoff, left)).toBe(pause));
});

describe('waitForAdmission', () => {
  it('admitted at once: no pause, no poll, no wait', async () => {
    const clock = fakeClock();
    const d = door([admitted()]);
    expect(await waitForAdmission(d, clock, 60)).toEqual({ admitted: true, waitedMs: 0 });
    expect(d.polls).toEqual([]);
  });

  it('queued: polls its ticket after Retry-After or the doubling backoff, whichever is longer, until admitted', async () => {
    const clock = fakeClock();
    const d = door([queued('2'), queued('1'), queued('1'), queued(), admitted()]);
    expect(await waitForAdmission(d, clock, 600)).toEqual({ admitted: true, waitedMs: (2 + 2 + 4 + 8) * 1000 });
    expect(clock.pauses).toEqual([2, 2, 4, 8]);
    expect(d.polls).toEqual(['t1', 't1', 't1', 't1']);
  });

  it('gives up when its patience runs out, its last pause cut to what was left', async () => {
    const clock = fakeClock();
    const d = door(Array.from({ length: 10 }, () => queued('4')));
    expect(await waitForAdmission(d, clock, 10)).toEqual({ admitted: false, waitedMs: 10_000 });
    expect(clock.pauses).toEqual([4, 4, 2]);
  });

  it('with no patience at all, one who is queued leaves at once', async () => {
    const clock = fakeClock();
    expect(await waitForAdmission(door([queued('3')]), clock, 0)).toEqual({ admitted: false, waitedMs: 0 });
    expect(clock.pauses).toEqual([]);
  });

  it('an answer without a ticket, or an admission without a session, is not an admission', async () => {
    const noTicket: Answer = { status: 202, body: undefined, headers: {} };
    expect((await waitForAdmission(door([noTicket]), fakeClock(), 60)).admitted).toBe(false);
    expect((await waitForAdmission(door([{ status: 200, body: { admitted: true }, headers: {} }]), fakeClock(), 60)).admitted).toBe(false);
    expect((await waitForAdmission(door([{ status: 503, body: undefined, headers: {} }]), fakeClock(), 60)).admitted).toBe(false);
  });
});

describe('the waiting room of a real exchange with one place, through the engine', () => {
  const people = households(6, 47);
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ waitingRoomCapacity: 1 });
  });
  afterAll(() => stack.stop());

  it('three consumers at once who will wait: one admitted at once, two queued and admitted in turn as places free', async () => {
    const file = await applicantsFile(stack.dir, people.slice(0, 3));
    const result = await run(sharedIterations(3, 3), MARKETPLACE_MODULE, {
      baseUrl: stack.baseUrl,
      applicantsFile: file,
      thinkTimeSeconds: 0,
      maxQueueSeconds: 30,
      ledgerDir: stack.dir,
      mode: 'enroll',
    });
    expect(failedChecks(result)).toEqual({});
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(3);
    expect(samples(result, METRIC_NAMES.waitingRoomWait)).toBe(3);
    // The two queued waited at least the exchange's first Retry-After (at least 1 s).
    const wait = result.totals.aggregate(METRIC_NAMES.waitingRoomWait)!;
    expect(wait.max).toBeGreaterThanOrEqual(1000);
    expect(total(result, 'http_reqs', { name: 'GET /api/v1/waiting-room/:ticket' })).toBeGreaterThanOrEqual(2);
    const metrics = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(Number(/^exchange_waiting_room_admitted_total (\d+)/m.exec(metrics)?.[1])).toBe(3);
  });
});

describe('the waiting room of a real exchange with one place, for consumers who will not wait', () => {
  const people = households(3, 48);
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ waitingRoomCapacity: 1 });
  });
  afterAll(() => stack.stop());

  it('maxQueueSeconds 0: of three arriving together one is admitted and enrolls, two are turned away and never poll', async () => {
    const file = await applicantsFile(stack.dir, people);
    const result = await run(sharedIterations(3, 3), MARKETPLACE_MODULE, {
      baseUrl: stack.baseUrl,
      applicantsFile: file,
      thinkTimeSeconds: 0,
      maxQueueSeconds: 0,
      ledgerDir: stack.dir,
      mode: 'enroll',
    });
    expect(failedChecks(result)).toEqual({ 'admitted by the waiting room': 2 });
    expect(total(result, METRIC_NAMES.enrollmentsConfirmed)).toBe(1);
    // Only the completed journey has a duration.
    expect(samples(result, METRIC_NAMES.journeyDuration, { journey: 'enroll' })).toBe(1);
    expect(total(result, 'http_reqs', { name: 'GET /api/v1/waiting-room/:ticket' })).toBe(0);
    expect(total(result, 'http_reqs', { name: 'POST /api/v1/accounts' })).toBe(1);
  });
});
