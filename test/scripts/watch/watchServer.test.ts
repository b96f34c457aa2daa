// The live page's server over real HTTP on 127.0.0.1, port 0, on a run folder written as a run writes it: the page,
// an update when the engine's rows grow (a row cut mid-line waits for its end), the final state once the folder is
// judged, and refusals: another Host (DNS rebinding), another path, a port in use.

import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINE_METRICS as M } from '../../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../../engine/metricSet.ts';
import { runFile } from '../../../vocabulary/runFiles.ts';
import { UsageError } from '../../../vocabulary/errors.ts';
import { startWatchServer, type WatchServer } from '../../../scripts/watch/watchServer.ts';
import { testTargets } from '../../vocabulary/targetsFixture.ts';

const targets = testTargets();
const servers: WatchServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.finish()));
});

/** A watch server over `runDir` on a free loopback port, with the test's targets, polling fast; finished after the test. */
async function watching(runDir: string, options: Partial<Parameters<typeof startWatchServer>[0]> = {}): Promise<WatchServer> {
  const server = await startWatchServer({
    runDir,
    runId: 'r',
    profile: 'load',
    targets,
    address: { host: '127.0.0.1', port: 0 },
    finishWhenJudged: true,
    intervalMs: 50,
    ...options,
  });
  servers.push(server);
  return server;
}

function rowLine(second: number, requests: number): string {
  const set = new MetricSet();
  set.add('counter', M.requests, requests, { name: 'GET /a', status: '200' });
  for (let i = 0; i < requests; i++) set.add('trend', M.requestDuration, 5 + i, { name: 'GET /a' });
  set.add('gauge', M.activeUsers, 4);
  return `${JSON.stringify({ second, series: set.snapshot() })}\n`;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** Reads events from /events until `until` holds for what came so far; the connection is then closed. */
function events(url: string, until: (events: { event: string; data: any }[]) => boolean, timeoutMs = 10_000): Promise<{ event: string; data: any }[]> {
  return new Promise((resolve, reject) => {
    const seen: { event: string; data: any }[] = [];
    let text = '';
    const timer = setTimeout(() => reject(new Error(`events so far: ${JSON.stringify(seen.map((e) => e.event))}`)), timeoutMs);
    const req = request(`${url}events`, (res) => {
      res.on('data', (c: Buffer) => {
        text += c.toString();
        let end: number;
        while ((end = text.indexOf('\n\n')) !== -1) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) seen.push({ event, data: JSON.parse(data) });
        }
        if (until(seen)) {
          clearTimeout(timer);
          req.destroy();
          resolve(seen);
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(seen);
      });
    });
    req.on('error', () => undefined);
    req.end();
  });
}

describe('the watch server', () => {
  it('serves the page, sends the rows as they are written, then the verdict once the folder is judged', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'harness-watch-'));
    writeFileSync(runFile(runDir, 'loadSeconds'), rowLine(1000, 3) + rowLine(1001, 5));
    const server = await watching(runDir, { runId: 'r-watch' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await get(server.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-requests="8"');
    expect(page.body).toContain('data-status="RUNNING"');

    const first = await events(server.url, (e) => e.some((x) => x.event === 'update'));
    expect(first[0]!.data.totals.requests).toBe(8);

    // A row cut mid-line is not read until its end is written.
    const line = rowLine(1002, 7);
    appendFileSync(runFile(runDir, 'loadSeconds'), line.slice(0, 40));
    const grown = events(server.url, (e) => e.some((x) => x.event === 'update' && x.data.totals.requests === 15));
    await new Promise((r) => setTimeout(r, 150));
    appendFileSync(runFile(runDir, 'loadSeconds'), line.slice(40));
    const updates = await grown;
    expect(updates.filter((x) => x.event === 'update').map((x) => x.data.totals.requests)).toEqual([8, 15]);
    const throughput = updates.at(-1)!.data.charts.find((c: { id: string }) => c.id === 'throughput');
    expect(throughput.series[0].values).toEqual([3, 5, 7]);

    const verdict = {
      pass: false,
      status: 'FAIL',
      profile: 'load',
      runId: 'r-watch',
      checks: [{ name: 'latency p95', target: '≤ 800 ms', actual: 900, pass: false }],
    };
    writeFileSync(runFile(runDir, 'verdict'), JSON.stringify(verdict));
    writeFileSync(runFile(runDir, 'run'), JSON.stringify({ runId: 'r-watch', profile: 'load' }));
    const judged = await events(server.url, (e) => e.some((x) => x.event === 'final'));
    const final = judged.find((x) => x.event === 'final')!.data;
    expect(final).toMatchObject({ status: 'FAIL', pass: false });
    expect(final.line).toMatch(/^VERDICT: FAIL/);
    expect(final.headline.length).toBeGreaterThan(0);
    expect((await get(server.url)).body).toContain('data-status="FAIL"');
  });

  it('draws the exchange gauges from the /metrics that exchange-admin.json names while the run is under way, keeping each reading in the folder', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'harness-watch-'));
    const exchange = createServer((req, res) =>
      res.end(req.url === '/metrics' ? 'exchange_outbox_depth 7\nexchange_enrollments_confirmed_total{metal="gold"} 3\n' : ''),
    );
    await new Promise<void>((r) => exchange.listen(0, '127.0.0.1', () => r()));
    try {
      writeFileSync(runFile(runDir, 'exchangeAdmin'), JSON.stringify({ url: `http://127.0.0.1:${(exchange.address() as AddressInfo).port}`, token: 't' }));
      const server = await watching(runDir, { finishWhenJudged: false, readExchange: true });
      const seen = await events(server.url, (e) =>
        e.some((x) => x.event === 'update' && x.data.charts.some((c: { id: string }) => c.id === 'exchange-outbox')),
      );
      const charts = seen.at(-1)!.data.charts as { id: string; series: { label: string; values: number[] }[] }[];
      expect(charts.find((c) => c.id === 'exchange-outbox')!.series[0]!.values.at(-1)).toBe(7);
      // 834s accepted: not exposed, so not drawn.
      expect(charts.find((c) => c.id === 'exchange-enrollments')!.series.map((s) => [s.label, s.values.at(-1)])).toEqual([['confirmed', 3]]);
      const kept = readFileSync(runFile(runDir, 'watchExchange'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(kept[0]).toMatchObject({ time: expect.any(Number), outboxDepth: 7, enrollmentsConfirmed: 3 });

      // `harness watch` on the same folder reads no /metrics itself: it shows the readings kept there.
      await server.finish();
      exchange.close();
      const reader = await watching(runDir);
      const replay = (await events(reader.url, (e) => e.some((x) => x.event === 'update'))).at(-1)!.data.charts as typeof charts;
      expect(replay.find((c) => c.id === 'exchange-outbox')!.series[0]!.values).toHaveLength(
        readFileSync(runFile(runDir, 'watchExchange'), 'utf8').trim().split('\n').length,
      );
    } finally {
      exchange.close();
    }
  });

  it('answers only to its own loopback names, and only on its two paths', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'harness-watch-'));
    const server = await watching(runDir, { profile: 'smoke' });
    const port = new URL(server.url).port;
    expect((await get(server.url, { host: 'attacker.example' })).status).toBe(403);
    expect((await get(server.url, { host: `localhost:${port}` })).status).toBe(200);
    const missing = await get(`${server.url}report.html`);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toMatch(/no \/report\.html here/);
  });

  it('refuses a port in use as a usage error', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'harness-watch-'));
    const server = await watching(runDir, { profile: 'smoke' });
    const port = Number(new URL(server.url).port);
    const second = startWatchServer({ runDir, runId: 'r', profile: 'smoke', targets, address: { host: '127.0.0.1', port }, finishWhenJudged: true });
    await expect(second).rejects.toThrow(UsageError);
    await expect(second).rejects.toThrow(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use`));
  });
});
