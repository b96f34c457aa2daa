// The rate limit: one client sends a little more than the limit allows in a minute, in small batches, and must be
// answered 429 before it has sent them all. Bounded: it stops at the first 429 or after the budget.

import http from 'k6/http';
import { attackerAccount, probe, ProbeSender } from './probeKit.ts';

const BATCH = 25;

export function rateLimitProbe(baseUrl: string, limitPerMinute: number | undefined, email: string): void {
  if (!limitPerMinute) {
    console.warn('security: no rate limit configured for the exchange (config.exchange.rateLimitPerMinute); rate_limit not probed');
    return;
  }
  const sender = new ProbeSender(baseUrl, 'rate_limit');
  const attacker = attackerAccount(sender, email);
  if (!attacker) return;
  const budget = Math.ceil(limitPerMinute * 1.2) + BATCH;
  const params = {
    headers: { authorization: `Bearer ${attacker.token}` },
    tags: { name: 'GET /api/v1/enrollments', probe: 'rate_limit' },
    responseCallback: http.expectedStatuses({ min: 200, max: 499 }),
  };
  let sent = 0;
  let limited = false;
  while (sent < budget && !limited) {
    const size = Math.min(BATCH, budget - sent);
    const answers = http.batch(Array.from({ length: size }, () => ({ method: 'GET', url: `${baseUrl}/api/v1/enrollments`, params })));
    sent += size;
    limited = answers.some((a) => a.status === 429);
  }
  probe('rate_limit', `one client is stopped (429) within ${budget} requests`, !limited);
}
