// The journey fast path answers exactly as the Express app does: the same scripted journey — the waiting room (entered,
// queued with Retry-After, polled, left, abandoned), successes, 401s, 404s for foreign and missing resources, schema
// and JSON failures, a duplicate account, Medicaid and unknown plans, a re-enrollment — is sent over real HTTP to the Express app alone and to the app behind the fast path, each with its
// own store, and every answer must match in status, header names, values and order (Date aside), and body. Only what
// is random is normalised: account and application ids (UUIDs), bearer tokens and their expiry, confirmation numbers.

import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Household } from '../../../domain/household.ts';
import type { AdmissionControl } from '../../../mock-exchange/exchange/admission.ts';
import { createExchange } from '../../../mock-exchange/exchange/app.ts';
import { type FastPath, withFastPaths } from '../../../mock-exchange/exchange/fastPaths.ts';
import { createJourneyFastPath } from '../../../mock-exchange/exchange/journeyFastPath.ts';
import { createExchangeMetrics } from '../../../mock-exchange/exchange/metrics.ts';
import { oracleRules } from '../../../mock-exchange/exchange/oracleRules.ts';
import { createPasswordHasher } from '../../../mock-exchange/exchange/passwords.ts';
import { type ExchangeStore, openExchangeStore } from '../../../mock-exchange/exchange/store.ts';
import { createTokenIssuer } from '../../../mock-exchange/exchange/tokens.ts';
import { type Listening, listen } from '../../../mock-exchange/service/listen.ts';
import { applicationBody } from '../../../scenarios/consumers/exchangeClient.ts';
import { EXCHANGE_METRICS } from '../../../vocabulary/metrics/exchange.ts';
import { SESSION_HEADER } from '../../../vocabulary/routes.ts';
import { households, referredHouseholds } from '../../enrollingHouseholds.ts';

const NOW = new Date('2025-11-20T15:00:00Z');
const ADMITTED = 'admitted-session';
/** The one ticket in the full room's queue, and one whose visitor has just been admitted. */
const QUEUED = 'queued-ticket';
const ADMITTED_TICKET = 'admitted-ticket';

interface Answer {
  label: string;
  status: number;
  /** Raw header lines in order, Date left out. */
  headers: string[];
  body: string;
}

interface Side {
  port: number;
  registry: Registry;
  /** Requests the fast path took (undefined: Express alone). */
  taken?: () => number;
  close(): Promise<void>;
}

/**
 * A full room, the same on both sides: the one session the journey sends is active, so a newcomer is queued (with an
 * estimated wait, so Retry-After says it); QUEUED stays in the queue, ADMITTED_TICKET has been let in.
 */
const fullRoom: AdmissionControl = {
  enter: async () => ({ admitted: false, ticketId: QUEUED, position: 1, estimatedWaitSeconds: 7 }),
  async poll(ticketId) {
    if (ticketId === ADMITTED_TICKET) return { admitted: true, sessionId: ADMITTED };
    return ticketId === QUEUED ? { admitted: false, ticketId, position: 1, estimatedWaitSeconds: null } : undefined;
  },
  touch: async (session) => session === ADMITTED,
  leave: async () => {},
  abandon: async (ticketId) => ticketId === QUEUED,
};

const stores: ExchangeStore[] = [];
const dirs: string[] = [];

async function startSide(fast: boolean, admission: AdmissionControl | undefined): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'journey-fast-path-'));
  const store = openExchangeStore(dir);
  dirs.push(dir);
  stores.push(store);
  const registry = new Registry();
  const metrics = createExchangeMetrics(registry);
  const { app, journey } = createExchange({
    store,
    rules: oracleRules,
    tokens: createTokenIssuer(),
    passwords: createPasswordHasher(2),
    registry,
    metrics,
    admission,
    now: () => NOW,
  });
  let taken = 0;
  const fastPath = createJourneyFastPath({ ...journey, metrics, admission });
  const counting: FastPath = {
    handle(req, res) {
      const took = fastPath.handle(req, res);
      if (took) taken += 1;
      return took;
    },
  };
  const listening: Listening = await listen(fast ? withFastPaths(app, [counting]) : app, 0);
  return { port: listening.port, registry, ...(fast ? { taken: () => taken } : {}), close: () => listening.close() };
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Omit<Answer, 'label'>> {
  return new Promise((resolve, reject) => {
    const sent = request(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const lines: string[] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            if (res.rawHeaders[i]!.toLowerCase() !== 'date') lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
          resolve({ status: res.statusCode!, headers: lines, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** What is random in an answer, replaced by its kind (tokens first: they hold a UUID). */
const normalised = (text: string): string =>
  text
    .replace(/[0-9a-f-]{36}\.\d+\.[\w-]+/g, '<token>')
    .replace(/"expiresAt":"[^"]+"/g, '"expiresAt":"<time>"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/EN[2-9A-HJ-NP-Z]{10}/g, '<confirmation>');

/**
 * The scripted journey against one side; each request names the status the Express app must give, so a script
 * that stops testing what it says fails here. `session`: the waiting-room session sent with every request.
 */
async function journey(port: number, session: string | undefined): Promise<Answer[]> {
  const answers: Answer[] = [];
  const [alice, bob] = households(2, 11) as [Household, Household];
  const [referred] = referredHouseholds(1, 11) as [Household];
  const json = 'application/json';
  const call = async (
    label: string,
    expected: number,
    method: string,
    path: string,
    options: { token?: string; body?: string; type?: string | null; headers?: Record<string, string>; newcomer?: true } = {},
  ) => {
    const headers: Record<string, string> = {
      ...(options.type !== null && (options.body !== undefined || options.type) ? { 'content-type': options.type ?? json } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(session && !options.newcomer ? { [SESSION_HEADER]: session } : {}),
      ...options.headers,
    };
    const answer = { label, ...(await send(port, method, path, headers, options.body)) };
    answers.push(answer);
    expect(answer.status, `${label}: ${answer.body}`).toBe(expected);
    return answer.body ? (JSON.parse(answer.body) as Record<string, string>) : {};
  };
  const credentials = (h: Household) => JSON.stringify({ email: h.email, password: 'long enough' });

  // The waiting room, as a newcomer with no session yet (so refused if its routes were gated too). With no room
  // everyone is admitted at once and there are no tickets; with the full room the newcomer is queued.
  const room = session !== undefined;
  const newcomer = true;
  await call('waiting room: enter', room ? 202 : 200, 'POST', '/api/v1/waiting-room', { body: '{}', newcomer });
  await call('waiting room: enter with no body', room ? 202 : 200, 'POST', '/api/v1/waiting-room', { newcomer });
  await call('waiting room: poll, queued', room ? 202 : 404, 'GET', `/api/v1/waiting-room/${QUEUED}`, { newcomer });
  await call('waiting room: poll, admitted', room ? 200 : 404, 'GET', `/api/v1/waiting-room/${ADMITTED_TICKET}?from=poll`, { newcomer });
  await call('waiting room: poll, no such ticket', 404, 'GET', '/api/v1/waiting-room/no-such-ticket', { newcomer });
  await call('waiting room: e-mail me later', room ? 202 : 404, 'POST', `/api/v1/waiting-room/${QUEUED}/email-me-later`, { newcomer });
  await call('waiting room: e-mail me later, no such ticket', 404, 'POST', '/api/v1/waiting-room/no-such-ticket/email-me-later', { body: '{}', newcomer });
  await call('waiting room: leave without the session header', 400, 'DELETE', '/api/v1/waiting-room/session', { newcomer });
  await call('waiting room: leave', 204, 'DELETE', '/api/v1/waiting-room/session', { newcomer, headers: { [SESSION_HEADER]: 'leaving-session' } });
  await call('waiting room: unparseable JSON', 400, 'POST', '/api/v1/waiting-room', { body: '{"', newcomer });

  await call('account: unparseable JSON', 400, 'POST', '/api/v1/accounts', { body: '{"email":' });
  await call('account: a JSON string (strict mode)', 400, 'POST', '/api/v1/accounts', { body: '"hello"' });
  await call('account: true after blanks (strict mode)', 400, 'POST', '/api/v1/accounts', { body: ' \n true' });
  await call('account: blanks only', 400, 'POST', '/api/v1/accounts', { body: '   ' });
  await call('account: empty body (read as {})', 400, 'POST', '/api/v1/accounts', { body: '' });
  await call('account: no body at all', 400, 'POST', '/api/v1/accounts', { type: json });
  await call('account: schema failure', 400, 'POST', '/api/v1/accounts', { body: '{"email":"not-an-email"}' });
  await call('account: text/plain (left to Express)', 400, 'POST', '/api/v1/accounts', { body: credentials(alice), type: 'text/plain' });
  await call('account: latin-1 (left to Express)', 415, 'POST', '/api/v1/accounts', { body: credentials(alice), type: 'application/json; charset=iso-8859-1' });
  const aliceAccount = await call('account: created, byte-order mark and charset', 201, 'POST', '/api/v1/accounts', {
    body: `\uFEFF${credentials(alice)}`,
    type: 'application/json; charset=utf-8',
  });
  await call('account: duplicate e-mail', 409, 'POST', '/api/v1/accounts', { body: credentials(alice) });
  const bobAccount = await call('account: another', 201, 'POST', '/api/v1/accounts', { body: credentials(bob) });
  await call('login: wrong password', 401, 'POST', '/api/v1/sessions', { body: JSON.stringify({ email: alice.email, password: 'wrong password' }) });
  await call('login: unknown e-mail', 401, 'POST', '/api/v1/sessions', { body: JSON.stringify({ email: 'nobody@example.com', password: 'long enough' }) });
  await call('login', 200, 'POST', '/api/v1/sessions', { body: credentials(alice) });
  const token = String(aliceAccount.token);
  const bobToken = String(bobAccount.token);

  const application = JSON.stringify(applicationBody(alice, 2026));
  await call('application: no token', 401, 'POST', '/api/v1/applications', { body: application });
  await call('application: not a token', 401, 'POST', '/api/v1/applications', { body: application, token: 'nonsense' });
  await call('application: forged token', 401, 'POST', '/api/v1/applications', { body: application, token: `${token.slice(0, -4)}AAAA` });
  await call('application: schema failure', 400, 'POST', '/api/v1/applications', { body: '{"planYear":2026}', token });
  const id = (await call('application', 201, 'POST', '/api/v1/applications', { body: application, token })).applicationId!;
  const referredId = (
    await call('application: referred to Medicaid', 201, 'POST', '/api/v1/applications', { body: JSON.stringify(applicationBody(referred, 2026)), token })
  ).applicationId!;
  const bobId = (
    await call('application: another account', 201, 'POST', '/api/v1/applications', { body: JSON.stringify(applicationBody(bob, 2026)), token: bobToken })
  ).applicationId!;
  const missing = '00000000-0000-4000-8000-000000000000';
  const at = (applicationId: string, rest = '') => `/api/v1/applications/${applicationId}${rest}`;

  await call('update', 200, 'PUT', at(id), { body: application, token });
  await call('update: missing application', 404, 'PUT', at(missing), { body: application, token });
  await call('update: foreign application', 404, 'PUT', at(bobId), { body: application, token });
  await call('update: schema failure', 400, 'PUT', at(id), { body: '[]', token });
  await call('eligibility: no body', 200, 'POST', at(id, '/eligibility'), { token });
  await call('eligibility: {} body', 200, 'POST', at(id, '/eligibility'), { body: '{}', token });
  await call('eligibility: a body of no type (left unread)', 200, 'POST', at(id, '/eligibility'), { body: 'not json', token, type: null });
  await call('eligibility: Medicaid', 200, 'POST', at(referredId, '/eligibility'), { token });
  await call('eligibility: foreign', 404, 'POST', at(bobId, '/eligibility'), { token });
  await call('eligibility: no token', 401, 'POST', at(id, '/eligibility'), {});
  await call('plans', 200, 'GET', at(id, '/plans'), { token });
  await call('plans: with a query string', 200, 'GET', at(id, '/plans?sort=premium'), { token });
  await call('plans: missing', 404, 'GET', at(missing, '/plans'), { token });
  await call('plans: trailing slash (left to Express)', 200, 'GET', at(id, '/plans/'), { token });
  await call('plans: percent-encoded id (left to Express)', 404, 'GET', at('no%20such', '/plans'), { token });

  await call('enroll: unknown plan', 422, 'POST', at(id, '/enrollments'), { body: '{"planId":"99999VA0000001"}', token });
  await call('enroll: Medicaid', 422, 'POST', at(referredId, '/enrollments'), { body: JSON.stringify({ planId: referred.plan.id }), token });
  await call('enroll: schema failure', 400, 'POST', at(id, '/enrollments'), { body: '{"planId":7}', token });
  await call('enroll: foreign', 404, 'POST', at(bobId, '/enrollments'), { body: JSON.stringify({ planId: bob.plan.id }), token });
  const confirmation = (await call('enroll', 201, 'POST', at(id, '/enrollments'), { body: JSON.stringify({ planId: alice.plan.id }), token }))
    .confirmationNumber!;
  await call('enroll: again', 200, 'POST', at(id, '/enrollments'), { body: JSON.stringify({ planId: alice.plan.id }), token });
  await call('update: after enrolling', 409, 'PUT', at(id), { body: application, token });
  const bobConfirmation = (
    await call('enroll: another account', 201, 'POST', at(bobId, '/enrollments'), { body: JSON.stringify({ planId: bob.plan.id }), token: bobToken })
  ).confirmationNumber!;

  await call('enrollments', 200, 'GET', '/api/v1/enrollments', { token });
  await call('enrollments: no token', 401, 'GET', '/api/v1/enrollments', {});
  await call('enrollments: conditional GET (left to Express)', 200, 'GET', '/api/v1/enrollments', { token, headers: { 'if-none-match': '"x"' } });
  await call('enrollment', 200, 'GET', `/api/v1/enrollments/${confirmation}`, { token });
  await call('enrollment: missing', 404, 'GET', '/api/v1/enrollments/EN2222222222', { token });
  await call('enrollment: foreign', 404, 'GET', `/api/v1/enrollments/${bobConfirmation}`, { token });
  await call('enrollment: HEAD (left to Express)', 200, 'HEAD', `/api/v1/enrollments/${confirmation}`, { token });
  await call('enrollments: other letter case (left to Express)', 200, 'GET', '/API/v1/enrollments', { token });
  return answers;
}

/** The RED metrics the requests left, by labels, without their timings. */
async function redCounts(registry: Registry): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of [EXCHANGE_METRICS.httpRequests, EXCHANGE_METRICS.httpInFlight]) {
    for (const { labels, value } of (await registry.getSingleMetric(name)!.get()).values) counts[`${name}${JSON.stringify(labels)}`] = value;
  }
  for (const entry of (await registry.getSingleMetric(EXCHANGE_METRICS.httpDuration)!.get()).values) {
    const { metricName } = entry as { metricName?: string };
    if (metricName?.endsWith('_count')) counts[`${metricName}${JSON.stringify(entry.labels)}`] = entry.value;
  }
  return counts;
}

afterAll(() => {
  for (const store of stores) store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

for (const [title, admission, session] of [
  ['with no waiting room', undefined, undefined],
  ['behind a full waiting room', fullRoom, ADMITTED],
] as const) {
  describe(`the journey fast path, ${title}`, () => {
    let express: Side;
    let fast: Side;
    beforeAll(async () => {
      [express, fast] = await Promise.all([startSide(false, admission), startSide(true, admission)]);
    });
    afterAll(async () => {
      await Promise.all([express.close(), fast.close()]);
    });

    it('gives every answer the Express app gives, byte for byte but for what is random', async () => {
      const viaExpress = await journey(express.port, session);
      const viaFastPath = await journey(fast.port, session);
      expect(viaFastPath.length).toBe(viaExpress.length);
      for (const [i, expected] of viaExpress.entries()) {
        const actual = viaFastPath[i]!;
        expect({ ...actual, body: normalised(actual.body) }, expected.label).toEqual({ ...expected, body: normalised(expected.body) });
      }
      // All but the seven requests meant to be left to Express (their titles say so).
      expect(fast.taken!()).toBe(viaExpress.length - 7);
      // What the waiting room's answers must carry, so that both paths leaving it out would not pass.
      const answered = (label: string) => viaExpress.find((answer) => answer.label === label)!;
      if (admission) expect(answered('waiting room: enter').headers).toContain('Retry-After: 7');
      if (admission) expect(answered('waiting room: poll, queued').headers).toContain('Retry-After: 2');
      expect(answered('waiting room: leave').body).toBe('');
    });

    it('counts the same RED metrics as the Express app', async () => {
      const counts = await redCounts(express.registry);
      expect(Object.keys(counts).filter((key) => key.includes('_count{"route":"enroll"'))).toHaveLength(1);
      // A body refused before any route is counted too (unparseable and strict-mode refusals of the script): 400s of bad_body.
      expect(counts[`${EXCHANGE_METRICS.httpRequests}{"route":"bad_body","method":"POST","status":"400"}`]).toBeGreaterThanOrEqual(5);
      expect(await redCounts(fast.registry)).toEqual(counts);
    });

    it('leaves nothing in flight when a client goes away in the middle of its body', async () => {
      const inFlight = async (registry: Registry): Promise<number> =>
        (await registry.getSingleMetric(EXCHANGE_METRICS.httpInFlight)!.get()).values[0]?.value ?? 0;
      for (const side of [express, fast]) {
        const socket = connect(side.port, '127.0.0.1');
        await once(socket, 'connect');
        socket.write(
          `POST /api/v1/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n${
            session ? `${SESSION_HEADER}: ${session}\r\n` : ''
          }\r\n{"email":`,
        );
        await vi.waitFor(async () => expect(await inFlight(side.registry)).toBe(1), { timeout: 5_000 });
        socket.destroy();
        await vi.waitFor(async () => expect(await inFlight(side.registry)).toBe(0), { timeout: 5_000 });
      }
    });

    if (admission) {
      it('refuses a request without an admitted session as the app does', async () => {
        const path = '/api/v1/enrollments';
        const [viaExpress, viaFastPath] = await Promise.all([send(express.port, 'GET', path, {}), send(fast.port, 'GET', path, {})]);
        expect(viaExpress.status).toBe(403);
        expect(viaFastPath).toEqual(viaExpress);
        expect(await redCounts(fast.registry)).toEqual(await redCounts(express.registry));
      });
    }
  });
}
