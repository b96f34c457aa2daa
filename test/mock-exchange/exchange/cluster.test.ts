// The exchange on two worker processes (node:cluster), started as the harness starts it, over real HTTP with a new
// connection per request (so the primary spreads them over the workers): one waiting room for both, fault changes
// reaching both, /metrics summing both, and after a kill -9 of the whole cluster every confirmation still stored.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { households } from '../../enrollingHouseholds.ts';
import { openExchangeStore } from '../../../mock-exchange/exchange/store.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';
import { EXCHANGE_MAIN } from '../../../mock-exchange/service/commandLines.ts';

const TOKEN = 'cluster-admin-token';
let dir: string;
let primary: ChildProcess;
let port: number;

interface Answer {
  status: number;
  json: Record<string, unknown>;
}

/** One request on a connection of its own (no keep-alive), so successive requests reach different workers. */
function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text } }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** The exchange workers among a process's children (tsx's esbuild service is a child too). */
const childrenOf = (pid: number): number[] =>
  readdirSync(`/proc/${pid}/task`)
    .flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('clusterWorker.ts');
      } catch {
        return false;
      }
    });

let admittedSession = '';

async function startCluster(): Promise<void> {
  primary = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(PROJECT_ROOT, EXCHANGE_MAIN),
      '--port',
      '0',
      '--data-dir',
      dir,
      '--insurer-url',
      'http://127.0.0.1:9',
      '--workers',
      '2',
      '--waiting-room-capacity',
      '1',
    ],
    { cwd: PROJECT_ROOT, env: { ...process.env, EXCHANGE_ADMIN_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  port = await new Promise<number>((resolve, reject) => {
    let out = '';
    primary.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const announced = /"port":(\d+)/.exec(out);
      if (announced) resolve(Number(announced[1]));
    });
    primary.once('exit', (code) => reject(new Error(`the clustered exchange ended at start (exit ${code})`)));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-cluster-'));
  await startCluster();
}, 60_000);

afterAll(() => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('the exchange with --workers 2', () => {
  it('runs two worker processes under the primary', () => {
    expect(childrenOf(primary.pid!)).toHaveLength(2);
  });

  it('keeps one waiting room for both: capacity 1 queues the second visitor whichever worker answers, and a sign-out admits it', async () => {
    const first = await call('POST', '/api/v1/waiting-room');
    expect(first.json.admitted).toBe(true);
    const queued: Answer[] = [];
    for (let i = 0; i < 3; i++) queued.push(await call('POST', '/api/v1/waiting-room'));
    expect(queued.map((q) => q.status)).toEqual([202, 202, 202]);
    expect(queued.map((q) => q.json.position)).toEqual([1, 2, 3]);
    expect((await call('DELETE', '/api/v1/waiting-room/session', undefined, { 'x-waiting-room-session': String(first.json.sessionId) })).status).toBe(204);
    const polled = await call('GET', `/api/v1/waiting-room/${String(queued[0]!.json.ticketId)}`);
    expect(polled.json.admitted).toBe(true);
    admittedSession = String(polled.json.sessionId);
    // FIFO across workers: the later tickets are still waiting, now one place ahead.
    expect((await call('GET', `/api/v1/waiting-room/${String(queued[2]!.json.ticketId)}`)).json.position).toBe(2);
  });

  it('sums /metrics over every process and puts a fault change in force on every worker', async () => {
    const before = await call('GET', '/metrics');
    const count = (text: string) => Number(/exchange_http_requests_total\{route="health",method="GET",status="200"\} (\d+)/.exec(text)?.[1] ?? 0);
    for (let i = 0; i < 8; i++) expect((await call('GET', '/healthz')).status).toBe(200);
    expect(count(String((await call('GET', '/metrics')).json.text)) - count(String(before.json.text))).toBe(8);

    expect((await call('PUT', '/admin/faults', { spec: 'exchange.error.browse=1' }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('GET', '/api/v1/plans?zip=99501&planYear=2026&ages=40')).status);
    expect(statuses).toEqual([500, 500, 500, 500, 500, 500]);
    expect((await call('PUT', '/admin/faults', { spec: '' }, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
  });

  it('loses no confirmation when the whole cluster is killed with SIGKILL at once', async () => {
    const session = { 'x-waiting-room-session': admittedSession };
    const confirmed: string[] = [];
    for (const h of households(6, 17)) {
      const account = await call('POST', '/api/v1/accounts', { email: h.email, password: 'synthetic-password-1' }, session);
      expect(account.status, JSON.stringify(account.json)).toBe(201);
      const auth = { ...session, authorization: `Bearer ${String(account.json.token)}` };
      const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = h;
      const application = await call(
        'POST',
        '/api/v1/applications',
        { planYear: 2026, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } },
        auth,
      );
      const id = String(application.json.applicationId);
      expect((await call('POST', `/api/v1/applications/${id}/eligibility`, {}, auth)).status).toBe(200);
      const enrolled = await call('POST', `/api/v1/applications/${id}/enrollments`, { planId: h.plan.id }, auth);
      expect(enrolled.status, JSON.stringify(enrolled.json)).toBe(201);
      confirmed.push(String(enrolled.json.confirmationNumber));
    }
    for (const pid of [primary.pid!, ...childrenOf(primary.pid!)]) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => primary.once('exit', resolve));
    const store = openExchangeStore(dir);
    try {
      const status = store.outboxStatus();
      expect(status.pending + status.delivered + status.rejected).toBe(confirmed.length);
    } finally {
      store.close();
    }
  });

  it('restarts on the same data after the kill, and its workers end by themselves when the primary is killed', async () => {
    await startCluster();
    expect((await call('GET', '/readyz')).status).toBe(200);
    const workers = childrenOf(primary.pid!);
    expect(workers).toHaveLength(2);
    primary.kill('SIGKILL');
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 10_000;
    while (workers.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(workers.filter(alive)).toEqual([]);
  });
});
