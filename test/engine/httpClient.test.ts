// The HTTP client's phases against a server whose timing the test knows: time to first byte and connect time,
// recorded in HdrHistograms like every other trend. Loopback, port 0.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../engine/httpClient.ts';
import { ENGINE_METRICS as M } from '../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../engine/metricSet.ts';
import { knownServer, type KnownServer } from './fixtures/knownServer.ts';

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
