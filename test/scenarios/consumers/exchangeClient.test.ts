// The exchange client's headers follow the consumer's state: the waiting room's session from admission until it is
// left, the bearer token from the account's creation; each request carries what held when it was sent.

import { describe, expect, it } from 'vitest';
import type { HttpResponse, RequestOptions } from '../../../engine/httpClient.ts';
import type { JourneyContext } from '../../../engine/runtime.ts';
import { ExchangeClient } from '../../../scenarios/consumers/exchangeClient.ts';
import { SESSION_HEADER } from '../../../vocabulary/routes.ts';

/** A context whose requests answer from a script, keeping the headers each one was sent with. */
function scriptedContext(answers: Record<string, { status: number; body: unknown }>) {
  const sent: { route: string; headers: Record<string, string> }[] = [];
  const respond = (method: string, options: RequestOptions = {}): Promise<HttpResponse> => {
    const route = options.name ?? method;
    sent.push({ route, headers: { ...options.headers } });
    const answer = answers[route] ?? { status: 204, body: '' };
    return Promise.resolve({
      status: answer.status,
      headers: {},
      body: typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body),
      duration: 1,
    });
  };
  const context = {
    get: (_url: string, options?: RequestOptions) => respond('GET', options),
    post: (_url: string, _body: unknown, options?: RequestOptions) => respond('POST', options),
    del: (_url: string, options?: RequestOptions) => respond('DELETE', options),
  } as unknown as JourneyContext;
  return { context, sent };
}

describe('ExchangeClient headers', () => {
  it('carry the session from admission until it is left, and the token from the account on', async () => {
    const { context, sent } = scriptedContext({
      'POST /api/v1/waiting-room': { status: 200, body: { sessionId: 's-1' } },
      'POST /api/v1/accounts': { status: 201, body: { token: 't-1' } },
      'GET /api/v1/enrollments': { status: 200, body: { enrollments: [] } },
    });
    const client = new ExchangeClient(context, 'http://127.0.0.1:1');
    await client.myEnrollments();
    await client.enterWaitingRoom();
    await client.createAccount('a@example.test');
    await client.myEnrollments();
    await client.leaveWaitingRoom();
    await client.myEnrollments();
    expect(sent.map((s) => s.headers)).toEqual([
      {},
      {},
      { [SESSION_HEADER]: 's-1' },
      { authorization: 'Bearer t-1', [SESSION_HEADER]: 's-1' },
      { authorization: 'Bearer t-1', [SESSION_HEADER]: 's-1' },
      { authorization: 'Bearer t-1' },
    ]);
  });

  it('a sign-in answered without a token leaves the consumer without one', async () => {
    const { context, sent } = scriptedContext({
      'POST /api/v1/accounts': { status: 201, body: { token: 't-1' } },
      'POST /api/v1/sessions': { status: 200, body: {} },
    });
    const client = new ExchangeClient(context, 'http://127.0.0.1:1');
    await client.createAccount('a@example.test');
    await client.logIn('a@example.test');
    await client.myEnrollments();
    expect(sent.at(-1)!.headers).toEqual({});
  });
});
