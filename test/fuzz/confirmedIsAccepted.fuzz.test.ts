// The exchange never confirms what its back end cannot deliver: fast-check over application bodies (names with
// delimiters, control characters and any Unicode, impossible and future dates, any mix of relationships), sent to
// the real exchange app on loopback; every enrollment it confirms is built into an 834 by the real builder and read
// by the real insurer, whose 999 must accept it and store every name, address and date exactly as it was sent.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHouseholds } from '../../applicants/generate.ts';
import { buildInterchange, readAcknowledgement } from '../../domain/edi834/index.ts';
import type { Household, Member } from '../../domain/household.ts';
import { createExchangeApp } from '../../mock-exchange/exchange/app.ts';
import { toInterchange } from '../../mock-exchange/exchange/interchange.ts';
import { createExchangeMetrics } from '../../mock-exchange/exchange/metrics.ts';
import { oracleRules } from '../../mock-exchange/exchange/oracleRules.ts';
import { createPasswordHasher } from '../../mock-exchange/exchange/passwords.ts';
import { openExchangeStore, type ExchangeStore } from '../../mock-exchange/exchange/store.ts';
import { createTokenIssuer } from '../../mock-exchange/exchange/tokens.ts';
import { receive834 } from '../../mock-exchange/insurer/receive834.ts';
import { listen, type Listening } from '../../mock-exchange/service/listen.ts';
import { envelope, familyEnrollment } from '../domain/edi834/fixtures.ts';

const NOW = new Date('2026-03-15T12:00:00Z');
const BUDGET = { numRuns: 150, interruptAfterTimeLimit: 20_000, seed: 20_2026 } as const;
const bases = [...generateHouseholds({ count: 12, seed: 20, planYear: 2026 })];

let dir: string;
let store: ExchangeStore;
let server: Listening;
let base: string;
let token: string;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'confirmed-accepted-'));
  store = openExchangeStore(dir);
  const registry = new Registry();
  const app = createExchangeApp({
    store,
    rules: oracleRules,
    tokens: createTokenIssuer(),
    passwords: createPasswordHasher(2),
    registry,
    metrics: createExchangeMetrics(registry),
    now: () => NOW,
  });
  server = await listen(app, 0);
  base = `http://127.0.0.1:${server.port}`;
  const account = await fetch(`${base}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'fuzz@example.com', password: 'long enough' }),
  });
  token = ((await account.json()) as { token: string }).token;
});
afterAll(async () => {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Mostly left alone, sometimes replaced: enough applications get through to test the back end. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary, weight: 1 });

const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 10 });
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  anyUtf16,
  fc.constantFrom("O'Brien", 'O~Brien', 'Ann*Marie', 'A>B', 'X^Y', 'Nul\u0000', ' Lead', 'Trail ', 'José', 'Zoë-Ann', '李小龙', 'Apt 4: rear', '\u00a0'),
);
const pad = (n: number): string => String(n).padStart(2, '0');
const dob = fc.oneof(
  fc.date({ min: new Date('1890-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 1899, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`),
  fc.constantFrom('2026-02-31', '2099-01-01', '2024-02-29', '2025-02-29', '2026-01-01', '2026-01-02', '1906-01-01', '1905-12-31'),
);
const relationship = fc.constantFrom<Member['relationship']>('self', 'spouse', 'child');
const memberEdit = fc.record({ firstName: sometimes(text), lastName: sometimes(text), dob: sometimes(dob), relationship: sometimes(relationship) });
const application = fc
  .record({
    base: fc.nat({ max: bases.length - 1 }),
    street: sometimes(text),
    city: sometimes(text),
    edits: fc.array(memberEdit, { maxLength: 4 }),
    extra: fc.array(fc.record({ relationship, dob }), { maxLength: 2 }),
  })
  .map(({ base, street, city, edits, extra }) => {
    const h = bases[base]!;
    const members = h.members.map((m, i) => {
      const edit = edits[i];
      return { ...m, ...Object.fromEntries(Object.entries(edit ?? {}).filter(([, v]) => v !== undefined)) };
    });
    for (const [i, e] of extra.entries()) members.push({ ...h.members[0]!, firstName: `Extra${i}`, ssn: `9000000${i}0`, ...e });
    return {
      household: h,
      body: {
        planYear: 2026,
        household: {
          state: h.state,
          countyFips: h.countyFips,
          zip: h.zip,
          city: city ?? h.city,
          street: street ?? h.street,
          phone: h.phone,
          email: h.email,
          householdIncome: h.householdIncome,
          members,
        },
      },
    };
  });

let control = 1;

/** The real builder, as the dispatcher would send it, and the real insurer reading it. */
function deliver(confirmation: string) {
  const found = store.findEnrollment(confirmation);
  if (!found) throw new Error(`confirmation ${confirmation} not in the store`);
  const n = control++;
  const text834 = toInterchange({
    control: n,
    issuerId: found.enrollment.issuerId,
    createdAt: NOW.toISOString(),
    enrollments: [found.enrollment],
    copies: [0],
    attempts: 0,
  });
  return receive834(text834, { receivedAt: NOW, ackControl: n });
}

describe('whatever the exchange confirms, the insurer accepts', () => {
  it('holds over generated applications, with both refusals and confirmations among them', async () => {
    const seen = { refused: 0, confirmed: 0 };
    await fc.assert(
      fc.asyncProperty(
        application,
        async ({ household, body }: { household: Household; body: { household: { street: string; city: string; members: Member[] } } }) => {
          const submitted = await call('POST', '/api/v1/applications', body);
          expect([201, 400]).toContain(submitted.status);
          if (submitted.status === 400) {
            seen.refused++;
            expect(submitted.json.error).toMatch(/^household\.[a-zA-Z]+/);
            return;
          }
          const id = String(submitted.json.applicationId);
          const eligibility = await call('POST', `/api/v1/applications/${id}/eligibility`);
          expect(eligibility.status).toBe(200);
          expect((await call('GET', `/api/v1/applications/${id}/plans`)).status).toBe(200);
          const enrolled = await call('POST', `/api/v1/applications/${id}/enrollments`, { planId: household.plan.id });
          // A household referred to Medicaid/CHIP is sold nothing: no confirmation, so nothing for the insurer.
          if (eligibility.json.result === 'medicaid') {
            expect(enrolled.status).toBe(422);
            return;
          }
          expect(enrolled.status).toBe(201);
          seen.confirmed++;
          const receipt = deliver(String(enrolled.json.confirmationNumber));
          expect(receipt.reasons).toEqual([]);
          expect(receipt.outcome).toBe('accepted');
          expect(readAcknowledgement(receipt.answer).transactions.map((t) => t.status)).toEqual(['A']);
          const sent = body.household;
          // Members Medicaid/CHIP covers are left out of the enrollment; every other member reaches the insurer unchanged.
          const medicaid = (eligibility.json.medicaidMembers ?? []) as boolean[];
          expect(receipt.records).toHaveLength(sent.members.filter((_, i) => !medicaid[i]).length);
          for (const record of receipt.records) {
            expect([record.street, record.city]).toEqual([sent.street, sent.city]);
            const member = sent.members[Number(record.memberId.split('-').pop()) - 1]!;
            expect([record.firstName, record.lastName, record.dob, record.relationship]).toEqual([
              member.firstName,
              member.lastName,
              member.dob,
              member.relationship,
            ]);
          }
        },
      ),
      BUDGET,
    );
    // Both sides of the rule must have been exercised, or the property proved nothing.
    expect(seen.refused).toBeGreaterThan(20);
    expect(seen.confirmed).toBeGreaterThan(20);
  }, 60_000);

  it('would not hold without the validation: the insurer rejects two subscribers, and a delimiter in a name is rewritten', () => {
    const family = familyEnrollment();
    const twoSelves = { ...family, members: family.members.map((m) => ({ ...m, relationship: 'self' as const })) };
    const rejected = receive834(buildInterchange([twoSelves], envelope()), { receivedAt: NOW, ackControl: 1 });
    expect(rejected.outcome).toBe('rejected');
    const renamed = { ...family, members: family.members.map((m, i) => (i === 0 ? { ...m, lastName: 'O~Brien' } : m)) };
    const stored = receive834(buildInterchange([renamed], envelope()), { receivedAt: NOW, ackControl: 2 });
    expect(stored.records[0]!.lastName).toBe('O Brien');
  });
});

describe('the exchange refuses what it cannot send, naming the field', () => {
  const h = bases[0]!;
  const body = (members: Member[], extra: Record<string, string> = {}) => ({
    planYear: 2026,
    household: {
      state: h.state,
      countyFips: h.countyFips,
      zip: h.zip,
      city: h.city,
      street: h.street,
      phone: h.phone,
      email: h.email,
      householdIncome: h.householdIncome,
      members,
      ...extra,
    },
  });
  const self = h.members[0]!;
  const cases: [string, ReturnType<typeof body>, RegExp][] = [
    ['two selves', body([self, { ...self, firstName: 'Twin' }]), /household\.members: exactly one member with relationship "self".*found 2/],
    ['no self', body([{ ...self, relationship: 'child' }]), /household\.members: exactly one member with relationship "self".*found 0/],
    [
      'two spouses',
      body([self, { ...self, relationship: 'spouse' }, { ...self, relationship: 'spouse' }]),
      /household\.members: at most one member with relationship "spouse", found 2/,
    ],
    ['a relationship the 834 cannot carry', body([self, { ...self, relationship: 'cousin' as Member['relationship'] }]), /household\.members\.1\.relationship/],
    ['February 31', body([{ ...self, dob: '2026-02-31' }]), /household\.members\.0\.dob: a date that exists on the calendar/],
    ['a birth in the future', body([{ ...self, dob: '2099-01-01' }]), /household\.members\.0\.dob: a date of birth not in the future \(today is 2026-03-15\)/],
    [
      'a birth after the plan year begins',
      body([{ ...self, dob: '2026-02-01' }]),
      /household\.members\.0\.dob: born on or before plan year 2026 begins \(2026-01-01/,
    ],
    ['older than 120', body([{ ...self, dob: '1905-01-01' }]), /household\.members\.0\.dob: at most 120 years old/],
    ['a tilde in a name', body([{ ...self, lastName: 'O~Brien' }]), /household\.members\.0\.lastName: none of the 834 delimiters ~ \* > \^/],
    ['an asterisk in a name', body([{ ...self, firstName: 'Ann*Marie' }]), /household\.members\.0\.firstName: none of the 834 delimiters/],
    ['NUL in a name', body([{ ...self, firstName: 'Nul\u0000' }]), /household\.members\.0\.firstName: no control characters/],
    ['a caret in the street', body([self], { street: '1 Main St ^2' }), /household\.street: none of the 834 delimiters/],
    ['a line break in the city', body([self], { city: 'Fair\nfax' }), /household\.city: no control characters/],
    ['a blank name', body([{ ...self, lastName: '   ' }]), /household\.members\.0\.lastName: no spaces at the start or end, and not blank/],
  ];
  it.each(cases)('refuses %s with 400', async (_what, application, message) => {
    const answer = await call('POST', '/api/v1/applications', application);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(message);
  });

  it('takes the oldest allowed member, a birth on the day the plan year begins, and an apostrophe', async () => {
    const answer = await call(
      'POST',
      '/api/v1/applications',
      body([
        { ...self, dob: '1906-01-01', lastName: "O'Brien" },
        { ...self, relationship: 'child', dob: '2026-01-01', firstName: 'Newborn' },
      ]),
    );
    expect(answer.status).toBe(201);
  });
});
