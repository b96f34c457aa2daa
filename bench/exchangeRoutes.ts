// Benchmark: what each of the exchange's journey routes costs the exchange, a request at a time. wrk (50 connections)
// loads one route after another against one exchange process — plan browsing (the fast path ahead of Express), a path
// Express answers 404 (its middleware stack and nothing else), the signed-in routes of an enrollment journey with one
// account's token and one application (served by the journey fast path), and one of them again through Express —
// and the exchange's CPU is read from /proc around each load: its CPU a request, and that as a multiple of plan
// browsing's. Where the end-to-end bench's CPU per enrollment goes, route by route.
// The account's scrypt and the enrollment's durable write are not repeatable by one client (an e-mail registers
// once, an application enrolls once), so they are measured by the end-to-end bench, not here.
// EXCHANGE_ROUTES_SECONDS (default 8) sets each load's length.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHouseholds } from '../applicants/generate.ts';
import { applicationBody, SYNTHETIC_PASSWORD } from '../scenarios/consumers/exchangeClient.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';
import { startMockServices } from './mockServices.ts';
import { processUsage } from './processUsage.ts';
import { ensureWrk, runWrk, wrkScript } from './wrk.ts';
import { REQUESTS } from '../vocabulary/requests.ts';

const CONNECTIONS = 50;

interface RouteLoad {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Sent with the account's token (and, for POST, this JSON body). */
  signedIn: boolean;
  body?: string;
  /** The status every answer must have (anything else is counted by wrk as an error, except for the 404 load). */
  expect404?: boolean;
  /** Further request headers. */
  headers?: Record<string, string>;
}

/** The loads, in order; plan browsing first, as the yardstick of the others. */
function routeLoads(zip: string, applicationId: string): RouteLoad[] {
  const application = `/api/v1/applications/${encodeURIComponent(applicationId)}`;
  return [
    { name: 'GET /api/v1/plans (plan browsing)', method: 'GET', path: `/api/v1/plans?zip=${zip}&planYear=2026&ages=40`, signedIn: false },
    { name: 'a path Express answers 404 (its middleware alone)', method: 'GET', path: '/no-such-route', signedIn: false, expect404: true },
    { name: REQUESTS.myEnrollments, method: 'GET', path: '/api/v1/enrollments', signedIn: true },
    // The same route through Express: a conditional GET is one the journey fast path leaves to it (the answer is the same 200).
    {
      name: 'GET /api/v1/enrollments through Express (If-None-Match)',
      method: 'GET',
      path: '/api/v1/enrollments',
      signedIn: true,
      headers: { 'if-none-match': '"bench"' },
    },
    { name: REQUESTS.determineEligibility, method: 'POST', path: `${application}/eligibility`, signedIn: true, body: '{}' },
    { name: REQUESTS.listPlans, method: 'GET', path: `${application}/plans`, signedIn: true },
  ];
}

async function postJson(url: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`exchange-routes bench: POST ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

export async function benchExchangeRoutes(): Promise<Figures> {
  const seconds = envNumber('EXCHANGE_ROUTES_SECONDS', 8);
  const missing = ensureWrk((line) => process.stdout.write(`${line}\n`));
  if (missing) return { 'exchange routes: skipped (no wrk)': { value: 0, unit: missing } };
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-routes-'));
  const group = new ProcessGroup();
  try {
    const { exchange } = await startMockServices(group, dir);
    const [household] = [...generateHouseholds({ count: 1, seed: 1, planYear: 2026 })];
    const account = await postJson(`${exchange.baseUrl}/api/v1/accounts`, { email: household!.email, password: SYNTHETIC_PASSWORD });
    const token = String(account.token);
    const application = await postJson(`${exchange.baseUrl}/api/v1/applications`, applicationBody(household!, 2026), token);
    const pid = exchange.process.child.pid!;
    const figures: Figures = {};
    let browseMicros = 0;
    for (const [i, load] of routeLoads(household!.zip, String(application.applicationId)).entries()) {
      const script = join(dir, `route-${i}.lua`);
      writeFileSync(
        script,
        wrkScript(
          load.method,
          { ...(load.signedIn ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...load.headers },
          load.body,
        ),
      );
      const before = processUsage(pid)?.cpuSeconds ?? 0;
      const wrk = await runWrk(group, { label: `wrk-route-${i}`, url: `${exchange.baseUrl}${load.path}`, connections: CONNECTIONS, seconds, dir, script });
      const cpuSeconds = (processUsage(pid)?.cpuSeconds ?? before) - before;
      const errors = load.expect404 ? wrk.errors - wrk.requests : wrk.errors;
      if (errors > 0) throw new Error(`exchange-routes bench: ${load.name} had ${errors} failed requests of ${wrk.requests} (see ${dir}/wrk-route-${i}.log)`);
      const micros = wrk.requests > 0 ? (cpuSeconds * 1e6) / wrk.requests : 0;
      if (i === 0) browseMicros = micros;
      figures[`routes: ${load.name} requests/s`] = { value: Math.round(wrk.requestsPerSecond), unit: 'req/s' };
      figures[`routes: ${load.name} exchange CPU a request`] = { value: Math.round(micros * 10) / 10, unit: 'µs' };
      figures[`routes: ${load.name} × plan browsing`] = { value: browseMicros > 0 ? Math.round((micros / browseMicros) * 100) / 100 : 0, unit: 'ratio' };
    }
    return figures;
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}
