// The library's floor for the engine-calibration benchmark: N async users over one undici Pool, each sending its
// next request as soon as its last response ended, for a fixed time — no engine, no metrics. What the engine adds
// on top of undici is `harness hit`'s rate against this one, measured in the same round.
// Usage: node --import tsx bench/undiciLoop.ts URL CONNECTIONS SECONDS → one JSON line. Loopback only.

import { build } from 'hdr-histogram-js';
import { Pool } from 'undici';
import { isLoopbackHost } from '../engine/loopback.ts';

const [url, connectionsText, secondsText] = process.argv.slice(2);
const target = new URL(url ?? '');
if (!isLoopbackHost(target.hostname)) throw new Error(`${url}: expected a loopback URL (the benchmark loads only this machine)`);
const connections = Number(connectionsText);
const seconds = Number(secondsText);
const pool = new Pool(target.origin, { connections });
const latency = build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
let requests = 0;
let errors = 0;
const endAt = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < endAt) {
      const sentAt = performance.now();
      try {
        const response = await pool.request({ path: `${target.pathname}${target.search}`, method: 'GET' });
        await response.body.dump();
        if (response.statusCode >= 400) errors++;
      } catch {
        errors++;
      }
      latency.recordValue(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
      requests++;
    }
  }),
);
await pool.close();
const ms = (p: number): number => latency.getValueAtPercentile(p) / 1000;
process.stdout.write(`${JSON.stringify({ requestsPerSecond: requests / seconds, p50Ms: ms(50), p99Ms: ms(99), errors })}\n`);
