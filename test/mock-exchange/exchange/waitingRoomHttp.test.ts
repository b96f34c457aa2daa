import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExchange, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';
import { EXCHANGE_METRICS } from '../../../vocabulary/metrics/exchange.ts';

const SESSION = 'x-waiting-room-session';

describe('waiting room over HTTP (capacity 1)', () => {
  let dir: string;
  let exchange: RunningExchange;
  let base: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'waiting-room-'));
    // Nothing listens on the insurer URL: these tests never enroll.
    exchange = await startExchange({ port: 0, host: '127.0.0.1', dataDir: dir, insurerUrl: 'http://127.0.0.1:9', waitingRoomCapacity: 1 });
    base = `http://127.0.0.1:${exchange.port}`;
  });
  afterAll(async () => {
    await exchange.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const enter = async () => {
    const response = await fetch(`${base}/api/v1/waiting-room`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Record<string, unknown> };
  };
  const poll = async (ticket: unknown) => {
    const response = await fetch(`${base}/api/v1/waiting-room/${String(ticket)}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('queues past capacity in FIFO order, and signing out admits the head of the queue at once', async () => {
    const first = await enter();
    expect(first.status).toBe(200);
    const second = await enter();
    const third = await enter();
    expect([second.status, third.status]).toEqual([202, 202]);
    expect([second.body.position, third.body.position]).toEqual([1, 2]);
    expect(Number(second.retryAfter)).toBeGreaterThanOrEqual(1);

    // The admitted session passes the gate; a made-up one does not.
    const gated = await fetch(`${base}/api/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', [SESSION]: 'made-up' }, body: '{}' });
    expect(gated.status).toBe(403);

    expect((await poll(second.body.ticketId)).status).toBe(202);
    const left = await fetch(`${base}/api/v1/waiting-room/session`, { method: 'DELETE', headers: { [SESSION]: String(first.body.sessionId) } });
    expect(left.status).toBe(204);
    const admitted = await poll(second.body.ticketId);
    expect(admitted).toMatchObject({ status: 200, body: { admitted: true } });
    const stillQueued = await poll(third.body.ticketId);
    expect(stillQueued).toMatchObject({ status: 202, body: { position: 1 } });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^${EXCHANGE_METRICS.waitingRoomQueued} 1$`, 'm'));
  });

  it('refuses a sign-out without the session header, naming the header', async () => {
    const response = await fetch(`${base}/api/v1/waiting-room/session`, { method: 'DELETE' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(SESSION);
  });
});
