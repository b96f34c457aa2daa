// A consumer in the waiting room: enter, then poll with backoff (honouring Retry-After) until admitted or out of
// patience. The clock is passed in: the journey gives the engine's (its think is ctx.sleep), a test gives a fake one.

import { stringField, type Answer } from './exchangeClient.ts';

/** What waiting needs of the client: entering, and polling a ticket. */
export interface WaitingRoomDoor {
  enterWaitingRoom(): Promise<Answer>;
  pollWaitingRoom(ticketId: string): Promise<Answer>;
}

export interface WaitClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(seconds: number): Promise<void>;
}

export interface Admission {
  admitted: boolean;
  /** Milliseconds from entering to admission, or to giving up. */
  waitedMs: number;
}

/** Polls back off 1, 2, 4 … seconds up to this. */
const MAX_BACKOFF_SECONDS = 30;

/** The pause before the next poll: the exchange's Retry-After, never shorter than the backoff, never past the patience left. */
export function pauseBeforePoll(retryAfter: string | string[] | undefined, backoffSeconds: number, secondsLeft: number): number {
  const asked = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  return Math.min(Number.isFinite(asked) ? Math.max(asked, backoffSeconds) : backoffSeconds, secondsLeft);
}

/** Admitted or not; the time spent queued is returned either way. A queued consumer who gives up just goes. */
export async function waitForAdmission(door: WaitingRoomDoor, clock: WaitClock, maxWaitSeconds: number): Promise<Admission> {
  const started = clock.now();
  let answer = await door.enterWaitingRoom();
  let backoff = 1;
  while (answer.status === 202) {
    const elapsed = (clock.now() - started) / 1000;
    const ticketId = stringField(answer.body, 'ticketId');
    if (elapsed >= maxWaitSeconds || ticketId === undefined) break;
    await clock.sleep(pauseBeforePoll(answer.headers['retry-after'], backoff, maxWaitSeconds - elapsed));
    backoff = Math.min(backoff * 2, MAX_BACKOFF_SECONDS);
    answer = await door.pollWaitingRoom(ticketId);
  }
  return { admitted: answer.status === 200 && stringField(answer.body, 'sessionId') !== undefined, waitedMs: clock.now() - started };
}
