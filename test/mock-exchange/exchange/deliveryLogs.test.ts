// Logs that tell: during an insurer outage the exchange logs and counts every failed 834 post, every retry and its
// backoff, and the insurer logs every 503 it served and every rejection with its 999 code; no line names a person.
// Real exchange and insurer on loopback, port 0; the dispatcher's timings shortened so the outage lasts two seconds.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateHouseholds } from '../../../applicants/generate.ts';
import type { Household } from '../../../domain/household.ts';
import { DeliveryFailure, describeDeliveryFailure } from '../../../mock-exchange/exchange/deliveryFailure.ts';
import { startExchange, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';
import { startInsurer, type RunningInsurer } from '../../../mock-exchange/insurer/server.ts';
import { jsonLinesLogger, SILENT_LOGGER } from '../../../mock-exchange/service/serviceLog.ts';
import { parseFaultSpec } from '../../../mock-exchange/faults/index.ts';

type Line = Record<string, unknown> & { event: string; service: string };

const dirs: string[] = [];
const running: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const service of running.reverse()) await service.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'delivery-logs-'));
  dirs.push(dir);
  return dir;
}

function capture(service: string): { lines: Line[]; logger: ReturnType<typeof jsonLinesLogger>; text: () => string } {
  const raw: string[] = [];
  const logger = jsonLinesLogger(service, (line) => void raw.push(line));
  return {
    get lines() {
      return raw.map((line) => JSON.parse(line) as Line);
    },
    logger,
    text: () => raw.join(''),
  };
}

async function stack(insurerFaults: string) {
  const exchangeLog = capture('exchange');
  const insurerLog = capture('insurer');
  const insurer: RunningInsurer = await startInsurer({ port: 0, dataDir: tempDir(), faults: insurerFaults, logger: insurerLog.logger });
  running.push(insurer);
  const exchange: RunningExchange = await startExchange({
    port: 0,
    host: '127.0.0.1',
    dataDir: tempDir(),
    insurerUrl: `http://127.0.0.1:${insurer.port}`,
    dispatcher: { intervalMs: 50, backoffBaseMs: 100, backoffMaxMs: 400, requestTimeoutMs: 2_000 },
    logger: exchangeLog.logger,
  });
  running.push(exchange);
  return { base: `http://127.0.0.1:${exchange.port}`, exchangeLog, insurerLog };
}

async function post(base: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function enroll(base: string, h: Household): Promise<void> {
  const { token } = (await post(base, '/api/v1/accounts', { email: h.email, password: 'long enough' })) as { token: string };
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = h;
  const { applicationId } = (await post(
    base,
    '/api/v1/applications',
    { planYear: 2026, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } },
    token,
  )) as { applicationId: string };
  await post(base, `/api/v1/applications/${applicationId}/enrollments`, { planId: h.plan.id }, token);
}

/** Polls the outbox until nothing is pending; bounded, so a dispatcher that never delivers fails the test. */
async function drained(base: string, withinMs: number): Promise<{ pending: number; delivered: number; rejected: number }> {
  const until = Date.now() + withinMs;
  for (;;) {
    const status = (await (await fetch(`${base}/admin/outbox`)).json()) as { pending: number; delivered: number; rejected: number };
    if (status.pending === 0 || Date.now() > until) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function counter(base: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} ([0-9.e+-]+)$`, 'gm'))]
    .filter((m) => m[1]!.includes(labels))
    .reduce((sum, m) => sum + Number(m[2]), 0);
}

const households = [...generateHouseholds({ count: 3, seed: 44, planYear: 2026 })];
/** What must never be in a log line: every name, date of birth, SSN and street of the households sent. */
const personal = households.flatMap((h) => [h.street, ...h.members.flatMap((m) => [m.firstName, m.lastName, m.dob, m.ssn])]);

describe('an insurer outage, as the logs and counters tell it', () => {
  it('logs and counts every failed post, retry and backoff at the exchange, and every 503 at the insurer', async () => {
    const { base, exchangeLog, insurerLog } = await stack('insurer.down=2s');
    for (const h of households) await enroll(base, h);
    const outbox = await drained(base, 15_000);
    expect(outbox).toMatchObject({ pending: 0, delivered: households.length, rejected: 0 });

    const failed = exchangeLog.lines.filter((l) => l.event === 'edi834_delivery_failed');
    const retries = exchangeLog.lines.filter((l) => l.event === 'edi834_retry');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const line of failed) {
      expect(line).toMatchObject({ service: 'exchange', level: 'warn', reason: 'http_error', status: 503, detail: 'insurer answered HTTP 503' });
      expect(line.backoffMs).toEqual(expect.any(Number));
      expect(line.attempt).toEqual(expect.any(Number));
      expect(line.enrollments).toBeGreaterThanOrEqual(1);
    }
    // Every failure is retried, and each retry is logged with its attempt number.
    expect(retries.length).toBe(failed.length);
    expect(Math.max(...retries.map((l) => Number(l.attempt)))).toBeGreaterThanOrEqual(2);

    expect(await counter(base, 'exchange_edi834_delivery_failures_total', 'reason="http_error"')).toBe(failed.length);
    expect(await counter(base, 'exchange_edi834_delivery_failures_total', 'reason="timeout"')).toBe(0);
    expect(await counter(base, 'exchange_edi834_retried_total', 'issuer=')).toBe(retries.length);
    const backoffSeconds = failed.reduce((sum, l) => sum + Number(l.backoffMs), 0) / 1000;
    expect(await counter(base, 'exchange_edi834_retry_backoff_seconds_total', 'issuer=')).toBeCloseTo(backoffSeconds, 6);

    const served503 = insurerLog.lines.filter((l) => l.event === 'fault_injected');
    expect(served503).toHaveLength(failed.length);
    expect(served503[0]).toMatchObject({ service: 'insurer', level: 'warn', fault: 'insurer.down', status: 503 });

    const logs = exchangeLog.text() + insurerLog.text();
    for (const value of personal) expect(logs).not.toContain(value);
  }, 30_000);

  it('logs each rejected transaction with its 999 code at the insurer, and the rejection at the exchange', async () => {
    const { base, exchangeLog, insurerLog } = await stack('insurer.reject=1');
    await enroll(base, households[0]!);
    expect(await drained(base, 10_000)).toMatchObject({ pending: 0, rejected: 1 });
    const rejected = insurerLog.lines.filter((l) => l.event === 'edi834_rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ level: 'warn', ack: '999', transaction: '0001', ik5: 'R', ik502: '5', fault: 'insurer.reject' });
    expect(exchangeLog.lines.filter((l) => l.event === 'edi834_rejected')).toEqual([expect.objectContaining({ rejected: 1, accepted: 0 })]);
    expect(await counter(base, 'exchange_edi834_rejected_total', 'issuer=')).toBe(1);
  }, 20_000);
});

describe('describeDeliveryFailure', () => {
  it('tells a timeout, a refused connection, an HTTP error and a failure of its own apart', () => {
    expect(describeDeliveryFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError')).reason).toBe('timeout');
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    expect(describeDeliveryFailure(refused)).toEqual({ reason: 'connection', detail: 'fetch failed (ECONNREFUSED)' });
    expect(describeDeliveryFailure(new DeliveryFailure('http_error', 'insurer answered HTTP 500', 500))).toMatchObject({ reason: 'http_error', status: 500 });
    expect(describeDeliveryFailure(new RangeError('amount NaN')).reason).toBe('internal');
  });
});

describe('a delay longer than the harness waits', () => {
  it('is counted as injected when confirmed, and listed as pending at GET /admin/outbox/pending', async () => {
    const exchange = await startExchange({
      port: 0,
      host: '127.0.0.1',
      dataDir: tempDir(),
      insurerUrl: 'http://127.0.0.1:9',
      faults: parseFaultSpec('backend.delay=1,backend.delay.hold=60s'),
      logger: SILENT_LOGGER,
    });
    running.push(exchange);
    const base = `http://127.0.0.1:${exchange.port}`;
    await enroll(base, households[1]!);
    expect(await (await fetch(`${base}/admin/injected`)).json()).toEqual({ 'backend.delay': 1 });
    const { pending } = (await (await fetch(`${base}/admin/outbox/pending`)).json()) as { pending: { confirmationNumber: string; confirmedAt: string }[] };
    expect(pending).toEqual([{ confirmationNumber: expect.stringMatching(/^EN[0-9A-Z]{10}$/), confirmedAt: expect.any(String) }]);
  });
});
