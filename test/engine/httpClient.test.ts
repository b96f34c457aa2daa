// The HTTP client's phases against a server whose timing the test knows: time to first byte and connect time,
// recorded in HdrHistograms like every other trend. Loopback, port 0.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../engine/httpClient.ts';
import { ENGINE_METRICS as M } from '../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../engine/metricSet.ts';
import { knownServer, refusingUrl, type KnownServer } from './fixtures/knownServer.ts';

let server: KnownServer | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe('HttpClient phases', () => {
  it('a server that holds its headers back D ms gives a time to first byte of at least D, within the whole duration', async () => {
    const delayMs = 80;
    server = await knownServer({ delayMs });
    const metrics = new MetricSet();
    client = new HttpClient(metrics, { connectionsPerOrigin: 4, timeoutMs: 5_000 });
    for (let k = 0; k < 3; k += 1) expect((await client.request('GET', `${server.url}?k=${k}`, { name: 'known' })).status).toBe(200);
    const waiting = metrics.aggregate(M.requestWaiting, { name: 'known' })!;
    const duration = metrics.aggregate(M.requestDuration, { name: 'known' })!;
    expect(waiting.count).toBe(3);
    // The server's delay is a Node timer that may fire up to 1 ms early.
    expect(waiting.stat('min')).toBeGreaterThanOrEqual(delayMs - 1);
    expect(waiting.stat('max')).toBeLessThanOrEqual(duration.stat('max')!);
  });

  it('times each new connection once: as many connect times as connections the server accepted', async () => {
    const accepted = { count: 0 };
    const counting = createServer((_request, response) => void setTimeout(() => response.end('ok'), 20));
    counting.on('connection', () => (accepted.count += 1));
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(counting.address() as AddressInfo).port}/`;
    try {
      const metrics = new MetricSet();
      client = new HttpClient(metrics, { connectionsPerOrigin: 8, timeoutMs: 5_000 });
      for (let k = 0; k < 3; k += 1) await client.request('GET', url);
      await Promise.all(Array.from({ length: 6 }, () => client!.request('GET', url)));
      const connecting = metrics.aggregate(M.requestConnecting)!;
      expect(accepted.count).toBeGreaterThanOrEqual(6);
      expect(connecting.count).toBe(accepted.count);
      expect(connecting.stat('min')).toBeGreaterThan(0);
      expect(connecting.stat('max')).toBeLessThan(metrics.aggregate(M.requestDuration)!.stat('max')!);
    } finally {
      await client?.close();
      client = undefined;
      counting.closeAllConnections();
      await new Promise<void>((resolve) => counting.close(() => resolve()));
    }
  });
});

/** A server that answers every request with its path as received, and the headers a test gives it. */
async function echoServer(headers: [string, string][]): Promise<{ url: string; close: () => Promise<void> }> {
  const echo = createServer((request, response) => {
    response.writeHead(200, headers.flat());
    response.end(request.url);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        echo.closeAllConnections();
        echo.close(() => resolve());
      }),
  };
}

describe('HttpClient responses', () => {
  it('gives the headers as undici parses them, read after the response (repeated names as an array)', async () => {
    const echo = await echoServer([
      ['Retry-After', '7'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
      ['X-Content-Type-Options', 'nosniff'],
    ]);
    try {
      client = new HttpClient(new MetricSet(), { connectionsPerOrigin: 2, timeoutMs: 5_000 });
      const first = await client.request('GET', `${echo.url}/one`);
      // A second response read over the same connection must not change what the first one holds.
      const second = await client.request('GET', `${echo.url}/two`);
      expect(first.body).toBe('/one');
      expect(first.headers['retry-after']).toBe('7');
      expect(first.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(first.headers['x-content-type-options']).toBe('nosniff');
      expect(second.headers['retry-after']).toBe('7');
      expect(Object.keys(first.headers)).toEqual(expect.arrayContaining(['retry-after', 'set-cookie', 'x-content-type-options', 'date']));
    } finally {
      await client?.close();
      client = undefined;
      await echo.close();
    }
  });

  it('a network error is status 0 with no headers', async () => {
    client = new HttpClient(new MetricSet(), { connectionsPerOrigin: 2, timeoutMs: 5_000 });
    const refused = await client.request('GET', await refusingUrl());
    expect(refused.status).toBe(0);
    expect(refused.error).toBeTruthy();
    expect(refused.headers).toEqual({});
  });

  it('sends each path as new URL would, and names an unnamed request by its pathname', async () => {
    const echo = await echoServer([]);
    try {
      const metrics = new MetricSet();
      client = new HttpClient(metrics, { connectionsPerOrigin: 2, timeoutMs: 5_000 });
      const paths = [
        '/api/v1/plans?zip=12345&ages=40,38',
        '/a/../b',
        '/a/./c',
        '/a b',
        '/caf\u00e9',
        '/x%20y',
        '/%zz',
        '/a/%2e%2e/b',
        '/a/%2E/d',
        '/p?q=a b',
        "/p?q='",
        '/api/v1/plans?zip=2',
      ];
      for (const path of paths) {
        const url = `${echo.url}${path}`;
        const parsed = new URL(url);
        expect((await client.request('GET', url)).body, path).toBe(`${parsed.pathname}${parsed.search}`);
      }
      const named = metrics
        .all()
        .filter((s) => s.name === M.requests)
        .map((s) => s.tags.name)
        .sort();
      expect(named).toEqual(['GET /%zz', 'GET /a%20b', 'GET /a/c', 'GET /a/d', 'GET /api/v1/plans', 'GET /b', 'GET /caf%C3%A9', 'GET /p', 'GET /x%20y']);
    } finally {
      await client?.close();
      client = undefined;
      await echo.close();
    }
  });
});
