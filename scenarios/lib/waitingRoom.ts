// A consumer in the waiting room: enter, then poll with backoff (honouring Retry-After) until admitted or out of patience.

import { sleep } from 'k6';
import type { ExchangeClient } from './exchangeClient.ts';
import { waitingRoomWait } from './metrics.ts';

/** True once admitted; the time spent queued is recorded either way. */
export function waitForAdmission(client: ExchangeClient, maxWaitSeconds: number): boolean {
  const started = Date.now();
  let response = client.enterWaitingRoom();
  let backoff = 1;
  while (response.status === 202) {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= maxWaitSeconds) break;
    const retryAfter = Number(response.headers['Retry-After'] ?? backoff);
    sleep(Math.min(Math.max(retryAfter, backoff), maxWaitSeconds - elapsed));
    backoff = Math.min(backoff * 2, 30);
    response = client.pollWaitingRoom(String(response.json('ticketId')));
  }
  waitingRoomWait.add(Date.now() - started);
  return response.status === 200;
}
