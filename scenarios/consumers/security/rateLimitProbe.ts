// The rate limit: one client sends a little more than the limit allows in a minute, in small concurrent batches, and
// must be answered 429 before it has sent them all. Bounded: it stops at the first 429 or after the budget.

import type { JourneyContext } from '../../../engine/runtime.ts';
import { attackerAccount, probe, type ProbeSender } from './probeKit.ts';
import { REQUESTS } from '../../../vocabulary/requests.ts';

const BATCH = 25;

/** Requests the probe may send: the limit and a fifth, and a batch for the window's edge. */
export const rateLimitBudget = (limitPerMinute: number): number => Math.ceil(limitPerMinute * 1.2) + BATCH;

export async function rateLimitProbe(context: JourneyContext, sender: ProbeSender, limitPerMinute: number | undefined, email: string): Promise<void> {
  if (!limitPerMinute) {
    console.warn('security: no rate limit configured for the exchange (journey option rateLimitPerMinute); rate_limit not probed');
    return;
  }
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const budget = rateLimitBudget(limitPerMinute);
  let sent = 0;
  let limited = false;
  while (sent < budget && !limited) {
    const size = Math.min(BATCH, budget - sent);
    const answers = await Promise.all(
      Array.from({ length: size }, () => sender.send('GET', '/api/v1/enrollments', REQUESTS.myEnrollments, null, { token: attacker.token, contentType: null })),
    );
    sent += size;
    limited = answers.some((a) => a.status === 429);
  }
  probe(context, 'rate_limit', `one client is stopped (429) within ${budget} requests`, !limited);
}
