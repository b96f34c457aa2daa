// Fault switches changed during a run through the exchange's loopback admin endpoint, over real HTTP: only with the
// admin token, only exchange.* switches, every bad spec refused with the switch named, and the change acting on the
// next request (browsing included: its fast path steps aside while a switch is on).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../../../mock-exchange/exchange/adminRoutes.ts';
import { startExchange, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';
import { EXCHANGE_MAIN } from '../../../mock-exchange/service/commandLines.ts';

const TOKEN = 'admin-token-for-tests';
let dir: string;
let exchange: RunningExchange;
let base: string;

async function putFaults(spec: unknown, token = TOKEN, at = base) {
  const response = await fetch(`${at}/admin/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ spec }),
  });
  return { status: response.status, json: (await response.json()) as { spec?: string; error?: string } };
}

/** Milliseconds a browse request takes, and its status. */
async function timedBrowse(): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/plans?zip=99501&planYear=2026&ages=40`);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-admin-'));
  exchange = await startExchange({ port: 0, host: '127.0.0.1', dataDir: dir, insurerUrl: 'http://127.0.0.1:9', adminToken: TOKEN });
  base = `http://127.0.0.1:${exchange.port}`;
});
afterAll(async () => {
  await exchange.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('PUT /admin/faults', () => {
  it('refuses a missing or wrong token with 401 and changes nothing', async () => {
    expect((await putFaults('exchange.error=1', '')).status).toBe(401);
    expect((await putFaults('exchange.error=1', 'admin-token-for-tesTS')).status).toBe(401);
    expect((await timedBrowse()).status).toBe(200);
  });

  it('refuses an unknown switch, a bad value and a back-end switch with 400 naming it', async () => {
    expect((await putFaults('exchange.latancy=1s')).json.error).toMatch(/exchange\.latancy/);
    expect((await putFaults('exchange.error=7')).json.error).toMatch(/exchange\.error to be a rate between 0 and 1/);
    const backEnd = await putFaults('backend.drop=0.5');
    expect(backEnd.status).toBe(400);
    expect(backEnd.json.error).toMatch(/backend\.drop: only exchange\.\* switches change during a run/);
    expect((await putFaults(42)).status).toBe(400);
  });

  it('puts switches in force from the next request, browsing included, and "" switches them off', async () => {
    expect((await timedBrowse()).ms).toBeLessThan(300);
    const on = await putFaults('exchange.latency.browse=400ms');
    expect(on).toEqual({ status: 200, json: { spec: 'exchange.latency.browse=400ms' } });
    expect(await (await fetch(`${base}/admin/faults`)).json()).toEqual({ spec: 'exchange.latency.browse=400ms', switchable: true });
    expect((await timedBrowse()).ms).toBeGreaterThanOrEqual(395);

    expect((await putFaults('exchange.error.browse=1')).status).toBe(200);
    expect((await timedBrowse()).status).toBe(500);

    expect((await putFaults('')).json.spec).toBe('');
    const off = await timedBrowse();
    expect(off.status).toBe(200);
    expect(off.ms).toBeLessThan(300);
  });

  it('is refused with 403 by an exchange started without an admin token: its switches are fixed', async () => {
    const fixedDir = mkdtempSync(join(tmpdir(), 'exchange-admin-fixed-'));
    const fixed = await startExchange({ port: 0, host: '127.0.0.1', dataDir: fixedDir, insurerUrl: 'http://127.0.0.1:9' });
    try {
      const answer = await putFaults('exchange.error=1', TOKEN, `http://127.0.0.1:${fixed.port}`);
      expect(answer.status).toBe(403);
      expect(answer.json.error).toMatch(/EXCHANGE_ADMIN_TOKEN/);
    } finally {
      await fixed.stop();
      rmSync(fixedDir, { recursive: true, force: true });
    }
  });
});

describe('isLoopback', () => {
  it('admits 127.0.0.0/8 and ::1 in every spelling, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(address), address).toBe(true);
    for (const address of ['10.0.0.1', '192.168.1.127', '::ffff:10.0.0.1', 'fe80::1', '', undefined, '127.0.0.1.evil'])
      expect(isLoopback(address), String(address)).toBe(false);
  });
});

describe('EXCHANGE_FAULTS at start', () => {
  it('is the fallback of --faults, and a malformed one stops the exchange with exit 2 naming it', async () => {
    const { spawnSync } = await import('node:child_process');
    const { PROJECT_ROOT } = await import('../../../scripts/projectRoot.ts');
    const started = spawnSync(process.execPath, ['--import', 'tsx', EXCHANGE_MAIN, '--data-dir', dir, '--insurer-url', 'http://127.0.0.1:9'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, EXCHANGE_FAULTS: 'exchange.latency=soon' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(started.status).toBe(2);
    expect(started.stderr).toMatch(/--faults: .*exchange\.latency=soon/);
  });
});
