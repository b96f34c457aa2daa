// Every endpoint of the exchange over real HTTP on a loopback port: the happy path, validation errors naming the
// field, authentication, cross-account access refused without revealing existence, and the OpenAPI contract.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageStart } from '../../../domain/coverageStart.ts';
import { determine, pricePlan } from '../../../domain/oracle.ts';
import type { Household } from '../../../domain/household.ts';
import { startExchange, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';
import { createTokenIssuer, persistentSecret } from '../../../mock-exchange/exchange/tokens.ts';
import { parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { openApiText } from '../../../mock-exchange/exchange/openapi.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';
import { openExchangeStore } from '../../../mock-exchange/exchange/store.ts';
import { households, referredHouseholds } from '../../enrollingHouseholds.ts';
import { generateHouseholds } from '../../../applicants/generate.ts';

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

let dir: string;
let exchange: RunningExchange;
let base: string;
const [alice, bob] = households(2, 7) as [Household, Household];

async function call(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const applicationOf = (h: Household) => {
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = h;
  return { planYear: 2026, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-api-'));
  exchange = await startExchange({ port: 0, host: '127.0.0.1', dataDir: dir, insurerUrl: 'http://127.0.0.1:9' });
  base = `http://127.0.0.1:${exchange.port}`;
});
afterAll(async () => {
  await exchange.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('anonymous plan browsing', () => {
  it('prices every plan of the ZIP’s rating area before subsidy, as the oracle does for the same ages', async () => {
    const subscriber = alice.members[0]!;
    const age = 2026 - Number(subscriber.dob.slice(0, 4)) - (subscriber.dob.slice(5) > '01-01' ? 1 : 0);
    const answer = await call('GET', `/api/v1/plans?zip=${alice.zip}&planYear=2026&ages=${age}`);
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ state: alice.state, countyFips: alice.countyFips });
    const plans = answer.json.plans as { planId: string; premium: number }[];
    expect(plans.length).toBeGreaterThanOrEqual(12);
    const chosen = plans.find((p) => p.planId === alice.plan.id)!;
    // The oracle prices the whole household with its real birthdays and tobacco use: compare one non-smoker of the same age.
    const single = [{ ...subscriber, dob: `${2026 - age}-01-01`, tobacco: false }];
    expect(chosen.premium).toBe(pricePlan(alice.plan.id, alice.ratingArea, single, 2026).total);
  });

  it('answers from its cache ahead of Express with the same security headers, and counts the request like any other', async () => {
    const url = `${base}/api/v1/plans?zip=${alice.zip}&planYear=2026&ages=40,38,10`;
    const [first, second] = [await fetch(url), await fetch(url)];
    expect(await second.text()).toBe(await first.text());
    const viaExpress = await fetch(`${base}/healthz`);
    const securityHeaders = (r: globalThis.Response) =>
      [...r.headers.keys()].filter((h) => !['content-length', 'date', 'connection', 'keep-alive', 'content-type'].includes(h)).sort();
    expect(securityHeaders(second)).toEqual(securityHeaders(viaExpress));
    expect(second.headers.get('content-security-policy')).toBeTruthy();
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(Number(/exchange_http_requests_total\{route="browse",method="GET",status="200"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(/exchange_http_request_duration_seconds_count\{route="browse",method="GET"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('names the bad parameter, and refuses a ZIP it does not serve', async () => {
    const bad = await call('GET', '/api/v1/plans?zip=123&planYear=2026&ages=40');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^zip: a five-digit ZIP code/);
    const ages = await call('GET', `/api/v1/plans?zip=${alice.zip}&planYear=2026&ages=forty`);
    expect(ages.json.error).toMatch(/^ages: comma-separated ages/);
    const unknown = await call('GET', '/api/v1/plans?zip=00001&planYear=2026&ages=40');
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatch(/zip 00001: not a ZIP code this exchange serves/);
  });
});

describe('accounts and login', () => {
  it('creates an account once, logs in with the password, and refuses a wrong one without saying which part was wrong', async () => {
    const created = await call('POST', '/api/v1/accounts', { email: alice.email, password: 'synthetic-password-1' });
    expect(created.status).toBe(201);
    expect(Date.parse(String(created.json.expiresAt))).toBeGreaterThan(Date.now());
    expect((await call('POST', '/api/v1/accounts', { email: alice.email.toUpperCase(), password: 'another-password' })).status).toBe(409);
    const login = await call('POST', '/api/v1/sessions', { email: alice.email, password: 'synthetic-password-1' });
    expect(login).toMatchObject({ status: 200, json: { accountId: created.json.accountId } });
    const wrongPassword = await call('POST', '/api/v1/sessions', { email: alice.email, password: 'not-the-password' });
    const noSuchAccount = await call('POST', '/api/v1/sessions', { email: 'nobody@example.com', password: 'not-the-password' });
    expect([wrongPassword.status, noSuchAccount.status]).toEqual([401, 401]);
    expect(wrongPassword.json.error).toBe(noSuchAccount.json.error);
  });

  it('refuses a malformed e-mail or short password, naming the field', async () => {
    const answer = await call('POST', '/api/v1/accounts', { email: 'not-an-email', password: 'short' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/email: .*; password: /);
  });
});

describe('the journey and who may see what', () => {
  let aliceToken: string;
  let bobToken: string;
  let applicationId: string;
  let confirmation: string;
  beforeAll(async () => {
    aliceToken = String((await call('POST', '/api/v1/sessions', { email: alice.email, password: 'synthetic-password-1' })).json.token);
    bobToken = String((await call('POST', '/api/v1/accounts', { email: bob.email, password: 'synthetic-password-2' })).json.token);
  });

  it('applies, updates, determines eligibility, lists plans net of subsidy, enrolls and shows the enrollment', async () => {
    const application = await call('POST', '/api/v1/applications', applicationOf(alice), aliceToken);
    expect(application.status).toBe(201);
    applicationId = String(application.json.applicationId);
    expect((await call('PUT', `/api/v1/applications/${applicationId}`, applicationOf(alice), aliceToken)).status).toBe(200);
    const expected = determine(alice, alice.plan.id, 2026);
    const eligibility = await call('POST', `/api/v1/applications/${applicationId}/eligibility`, {}, aliceToken);
    expect(eligibility).toMatchObject({ status: 200, json: { fplPercent: expected.fplPercent } });
    const plans = await call('GET', `/api/v1/applications/${applicationId}/plans`, undefined, aliceToken);
    const mine = (plans.json.plans as { planId: string; netPremium: number }[]).find((p) => p.planId === expected.planIdWithVariant);
    expect(mine?.netPremium).toBe(expected.netPremium);
    const enrolled = await call('POST', `/api/v1/applications/${applicationId}/enrollments`, { planId: alice.plan.id }, aliceToken);
    expect(enrolled).toMatchObject({
      status: 201,
      json: { planId: expected.planIdWithVariant, premium: expected.planPremium, aptc: expected.aptc, owed: expected.netPremium },
    });
    confirmation = String(enrolled.json.confirmationNumber);
    expect((await call('GET', `/api/v1/enrollments/${confirmation}`, undefined, aliceToken)).json).toMatchObject({ confirmationNumber: confirmation });
    const list = await call('GET', '/api/v1/enrollments', undefined, aliceToken);
    expect((list.json.enrollments as { confirmationNumber: string }[]).map((e) => e.confirmationNumber)).toEqual([confirmation]);
    // Enrolled: the application is no longer changed by an update.
    expect((await call('PUT', `/api/v1/applications/${applicationId}`, applicationOf(alice), aliceToken)).status).toBe(409);
  });

  it('answers another account exactly as it answers a resource that does not exist', async () => {
    const paths: [string, string, unknown?][] = [
      ['POST', `/api/v1/applications/${applicationId}/eligibility`, {}],
      ['GET', `/api/v1/applications/${applicationId}/plans`],
      ['PUT', `/api/v1/applications/${applicationId}`, applicationOf(bob)],
      ['POST', `/api/v1/applications/${applicationId}/enrollments`, { planId: alice.plan.id }],
      ['GET', `/api/v1/enrollments/${confirmation}`],
    ];
    for (const [method, path, body] of paths) {
      const theirs = await call(method, path, body, bobToken);
      const missing = await call(
        method,
        path.replace(applicationId, '00000000-0000-4000-8000-000000000000').replace(confirmation, 'ENXXXXXXXXXX'),
        body,
        bobToken,
      );
      expect(theirs.status, `${method} ${path}`).toBe(404);
      expect(theirs.json, `${method} ${path}`).toEqual(missing.json);
    }
    expect((await call('GET', '/api/v1/enrollments', undefined, bobToken)).json.enrollments).toEqual([]);
  });

  it('refuses missing, forged and malformed tokens with 401', async () => {
    for (const token of [undefined, 'forged.token.value', `${aliceToken.slice(0, -2)}xx`]) {
      const answer = await call('GET', '/api/v1/enrollments', undefined, token);
      expect(answer.status, String(token)).toBe(401);
    }
  });

  it('names the bad field of an application', async () => {
    const body = applicationOf(bob);
    body.household.members = [{ ...body.household.members[0]!, dob: '1990/01/01' }];
    const answer = await call('POST', '/api/v1/applications', body, bobToken);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/household\.members\.0\.dob: a date as CCYY-MM-DD/);
  });
});

describe('the OpenAPI contract', () => {
  it('is served, and docs/openapi.json is its current copy (regenerate: npm run harness -- openapi --out docs/openapi.json)', async () => {
    const served = await call('GET', '/api/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(`${JSON.stringify(served.json, null, 2)}\n`).toBe(openApiText());
    expect(readFileSync(join(PROJECT_ROOT, 'docs', 'openapi.json'), 'utf8')).toBe(openApiText());
  });

  it('describes every route the exchange answers', async () => {
    const document = JSON.parse(openApiText()) as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const folder = join(PROJECT_ROOT, 'mock-exchange', 'exchange');
    const source = readdirSync(folder)
      .filter((file) => file === 'app.ts' || file.endsWith('Routes.ts'))
      .map((file) => readFileSync(join(folder, file), 'utf8'))
      .join('\n');
    // Mounted on the app directly (app.get('/path', …)) or listed in a journey route table ({ method: 'GET', path: '/path', … }).
    const mounted = [...source.matchAll(/app\.(get|post|put|delete)\(\s*'(\/[^']+)'|method: '(GET|POST|PUT|DELETE)',\s*path: '(\/[^']+)'/g)]
      .map(([, method, path, tableMethod, tablePath]) => `${(method ?? tableMethod)!.toUpperCase()} ${(path ?? tablePath)!.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => !r.includes('/admin/') && !r.endsWith('/openapi.json'));
    expect(mounted.length).toBeGreaterThan(12);
    for (const route of mounted) expect(routes, route).toContain(route);
  });
});

describe('fault switches spare the operational endpoints', () => {
  it('answers /readyz and /metrics at once while every consumer route is slowed and failing', async () => {
    const faultDir = mkdtempSync(join(tmpdir(), 'exchange-faults-'));
    const faulty = await startExchange({
      port: 0,
      host: '127.0.0.1',
      dataDir: faultDir,
      insurerUrl: 'http://127.0.0.1:9',
      faults: parseFaultSpec('exchange.latency=2s,exchange.error=1'),
    });
    try {
      const url = `http://127.0.0.1:${faulty.port}`;
      const started = Date.now();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_500);
      const browse = await fetch(`${url}/api/v1/plans?zip=${alice.zip}&planYear=2026&ages=40`);
      expect(browse.status).toBe(500);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    } finally {
      await faulty.stop();
      rmSync(faultDir, { recursive: true, force: true });
    }
  });
});

describe('bad input: a clear 4xx, never a crash or a hang', () => {
  let token: string;
  beforeAll(async () => {
    const created = await call('POST', '/api/v1/accounts', { email: 'bad-input@example.test', password: 'synthetic-password-1' });
    token = String(created.json.token);
  });

  const raw = async (body: string | Uint8Array | undefined, contentType: string | undefined, path = '/api/v1/applications') => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    return { status: response.status, json: (await response.json()) as { error?: string } };
  };

  it.each([
    ['truncated JSON', '{"planYear": 2026, "household": {'],
    ['text', 'not json at all'],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a JSON number', '2026'],
    ['two documents', '{"planYear":2026}{"planYear":2026}'],
    ['10,000-deep nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['binary', new Uint8Array([0, 1, 0xfe, 0xff, 0x7b, 0x80])],
    ['invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])],
    ['an empty body', ''],
  ])('%s is answered 400 with an error message', async (_what, body) => {
    const answer = await raw(body, 'application/json');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBeTruthy();
  });

  it('a body over 64 KiB is answered 413 unread', async () => {
    const answer = await raw(JSON.stringify({ ...applicationOf(alice), notes: 'x'.repeat(1024 * 1024) }), 'application/json');
    expect(answer.status).toBe(413);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', undefined])(
    'a valid application sent as %s is not read (400)',
    async (type) => {
      const answer = await raw(JSON.stringify(applicationOf(alice)), type);
      expect(answer.status).toBe(400);
    },
  );

  it('an injection string in a field with a format is refused, naming the field; in a name it is stored as text', async () => {
    const body = applicationOf(alice);
    body.household.members = [{ ...body.household.members[0]!, ssn: "' OR '1'='1" }];
    const refused = await call('POST', '/api/v1/applications', body, token);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain('household.members.0.ssn');
    body.household.members = [{ ...alice.members[0]!, lastName: "O'Brien'); DROP TABLE applications;--" }];
    expect((await call('POST', '/api/v1/applications', body, token)).status).toBe(201);
  });

  it('a token may be asked to live one second, and one past its expiry (signed with the same key) is refused', async () => {
    const login = await call('POST', '/api/v1/sessions', { email: 'bad-input@example.test', password: 'synthetic-password-1', ttlSeconds: 1 });
    expect(Date.parse(String(login.json.expiresAt)) - Date.now()).toBeLessThanOrEqual(1_000);
    expect((await call('GET', '/api/v1/enrollments', undefined, String(login.json.token))).status).toBe(200);
    // The same account's token as the exchange would have issued it two seconds ago, signed with its key: expired.
    const issuedBefore = createTokenIssuer(persistentSecret(dir)).issue(String(login.json.accountId), Date.now() - 2_000, 1_000);
    expect((await call('GET', '/api/v1/enrollments', undefined, issuedBefore.token)).status).toBe(401);
    expect((await call('POST', '/api/v1/sessions', { email: 'bad-input@example.test', password: 'synthetic-password-1', ttlSeconds: 0 })).status).toBe(400);
  });
});

describe('eligibility by state and the coverage start', () => {
  let clockDir: string;
  let clocked: RunningExchange;
  let clockedBase: string;
  // The exchange's clock, set per test: submissions on chosen days give the calendar's coverage start.
  let today = new Date('2025-12-20T15:00:00Z');
  beforeAll(async () => {
    clockDir = mkdtempSync(join(tmpdir(), 'exchange-clock-'));
    clocked = await startExchange({ port: 0, host: '127.0.0.1', dataDir: clockDir, insurerUrl: 'http://127.0.0.1:9', now: () => today });
    clockedBase = `http://127.0.0.1:${clocked.port}`;
  });
  afterAll(async () => {
    await clocked.stop();
    rmSync(clockDir, { recursive: true, force: true });
  });

  async function applyAt(where: string, h: Household, password: string) {
    const ask = async (method: string, path: string, body?: unknown, token?: string): Promise<Answer> => {
      const response = await fetch(`${where}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };
    const token = String((await ask('POST', '/api/v1/accounts', { email: h.email, password })).json.token);
    const id = String((await ask('POST', '/api/v1/applications', applicationOf(h), token)).json.applicationId);
    return {
      eligibility: () => ask('POST', `/api/v1/applications/${id}/eligibility`, {}, token),
      plans: () => ask('GET', `/api/v1/applications/${id}/plans`, undefined, token),
      enroll: () => ask('POST', `/api/v1/applications/${id}/enrollments`, { planId: h.plan.id }, token),
    };
  }

  it('refers a household whose subscriber is Medicaid-eligible: result "medicaid", no plans, enrollment refused with 422', async () => {
    const [referred] = referredHouseholds(1, 7);
    const journey = await applyAt(clockedBase, referred!, 'synthetic-password-3');
    const eligibility = await journey.eligibility();
    expect(eligibility).toMatchObject({ status: 200, json: { result: 'medicaid', applicablePercent: null, maxMonthlyCredit: 0, csrVariant: '01' } });
    expect((eligibility.json.medicaidMembers as boolean[])[0]).toBe(true);
    expect((await journey.plans()).json).toEqual({ plans: [] });
    const refused = await journey.enroll();
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatch(/Medicaid\/CHIP/);
  });

  it('enrolls only the members Medicaid/CHIP does not cover, at the oracle price, with coverage from the calendar', async () => {
    const mixed = [...generateHouseholds({ count: 400, seed: 7, planYear: 2026 })].find(
      (h) => h.expected.result !== 'medicaid' && h.expected.medicaidMembers.some(Boolean),
    )!;
    expect(mixed).toBeDefined();
    today = new Date('2025-12-20T15:00:00Z'); // December 16 – January 15: coverage from February 1
    const journey = await applyAt(clockedBase, mixed, 'synthetic-password-4');
    expect((await journey.eligibility()).json).toMatchObject({ result: mixed.expected.result, medicaidMembers: mixed.expected.medicaidMembers });
    const enrolled = await journey.enroll();
    expect(enrolled).toMatchObject({ status: 201, json: { effectiveDate: '2026-02-01', premium: mixed.expected.planPremium, aptc: mixed.expected.aptc } });
    const store = openExchangeStore(clockDir);
    try {
      const kept = store.findEnrollment(String(enrolled.json.confirmationNumber))!.enrollment;
      expect(kept.members.map((m) => m.ssn)).toEqual(mixed.members.filter((_, i) => !mixed.expected.medicaidMembers[i]).map((m) => m.ssn));
      expect(kept).toMatchObject({ effectiveDate: '2026-02-01', endDate: '2026-12-31', submittedAt: '2025-12-20T15:00:00.000Z' });
    } finally {
      store.close();
    }
  });

  it.each([
    ['2025-12-15T23:59:59Z', '2026-01-01'],
    ['2026-01-15T12:00:00Z', '2026-02-01'],
    ['2026-03-10T08:00:00Z', '2026-04-01'],
  ])('a submission at %s starts coverage on %s', async (at, start) => {
    today = new Date(at);
    expect(coverageStart(2026, today).effectiveDate).toBe(start);
    const [h] = households(1, Number(at.slice(5, 7)) * 100 + Number(at.slice(8, 10)));
    const enrolled = await (await applyAt(clockedBase, h!, 'synthetic-password-5')).enroll();
    expect(enrolled).toMatchObject({ status: 201, json: { effectiveDate: start } });
  });
});
