// The back end under trouble: the insurer down for a stretch, the insurer and the exchange killed with SIGKILL
// mid-run and restarted. Every enrollment confirmed to a consumer must still reach the insurer, exactly once.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { drained, enroll, households, receipts, startExchange, startInsurer } from './stack.ts';

let group = new ProcessGroup();
afterEach(async () => {
  await group.stopAll(2_000);
  group = new ProcessGroup();
});

function expectEachReceivedOnce(confirmations: string[], received: Map<string, Set<number>>): void {
  const missing = confirmations.filter((c) => !received.has(c));
  const twice = confirmations.filter((c) => (received.get(c)?.size ?? 0) > 1);
  expect({ missing, twice }).toEqual({ missing: [], twice: [] });
  expect(received.size).toBe(confirmations.length);
}

describe('back-end resilience', () => {
  it('retries while the insurer is down for a stretch, and loses nothing', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-down-'));
    // Down for the first 8 s of the insurer's life: the exchange's first deliveries all fail and must be retried.
    const insurer = await startInsurer(group, dir, { faults: 'insurer.down=8s' });
    const exchange = await startExchange(group, dir, insurer.baseUrl);
    const confirmations = await Promise.all(households(30, 21).map((h) => enroll(exchange.baseUrl, h)));
    // Full-jitter backoff doubles to a 30 s cap: a batch failing late in the outage may wait up to 30 s for its next
    // try, so the drain is given longer than that (30 s was a flake on a busy machine).
    expect(await drained(exchange.baseUrl, 75_000)).toBe(true);
    const metrics = await (await fetch(`${exchange.baseUrl}/metrics`)).text();
    const retries = [...metrics.matchAll(/^exchange_edi834_retried_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(retries).toBeGreaterThan(0);
    expectEachReceivedOnce(confirmations, await receipts(insurer.baseUrl));
  });

  it('survives the insurer being SIGKILLed and restarted mid-run: nothing lost, nothing stored twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-insurer-'));
    const first = await startInsurer(group, dir);
    const exchange = await startExchange(group, dir, first.baseUrl);
    const people = households(40, 22);
    const before = await Promise.all(people.slice(0, 20).map((h) => enroll(exchange.baseUrl, h)));
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    const during = await Promise.all(people.slice(20).map((h) => enroll(exchange.baseUrl, h)));
    const second = await startInsurer(group, dir, { port: first.port });
    expect(await drained(exchange.baseUrl)).toBe(true);
    expectEachReceivedOnce([...before, ...during], await receipts(second.baseUrl));
  });

  it('survives the exchange being SIGKILLed mid-run: every confirmation made before the kill reaches the insurer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-exchange-'));
    // A slow insurer keeps part of the outbox undelivered at the moment of the kill.
    const insurer = await startInsurer(group, dir, { faults: 'insurer.slow=500ms' });
    const first = await startExchange(group, dir, insurer.baseUrl);
    const confirmations = await Promise.all(households(30, 23).map((h) => enroll(first.baseUrl, h)));
    first.process.child.kill('SIGKILL');
    await first.process.exited;
    const pendingAtKill = confirmations.length - (await receipts(insurer.baseUrl)).size;
    const second = await startExchange(group, dir, insurer.baseUrl);
    expect(await drained(second.baseUrl)).toBe(true);
    expect(pendingAtKill).toBeGreaterThan(0);
    expectEachReceivedOnce(confirmations, await receipts(insurer.baseUrl));
  });
});
