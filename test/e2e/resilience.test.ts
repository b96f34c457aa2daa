// The back end under trouble: the insurer down for a stretch, the insurer and the exchange killed with SIGKILL
// mid-run and restarted. Every enrollment confirmed to a consumer must still reach the insurer, exactly once.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { drained, enroll, enrollAs, households, receipts, startExchange, startInsurer } from './stack.ts';

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

  it('loses no group-committed confirmation when the exchange is SIGKILLed with enrollments in flight, and delivers each once', {
    timeout: 90_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilience-group-commit-'));
    const insurer = await startInsurer(group, dir, { faults: 'insurer.slow=300ms' });
    const first = await startExchange(group, dir, insurer.baseUrl);
    // 40 consumers at once, each enrolling household after household, until the kill: the exchange commits their
    // writes in groups, and the kill lands with some of them waiting on a commit.
    const people = households(400, 24);
    const told: { confirmationNumber: string; token: string }[] = [];
    let next = 0;
    let unanswered = 0;
    const consumer = async (): Promise<void> => {
      while (next < people.length) {
        const household = people[next++]!;
        try {
          told.push(await enrollAs(first.baseUrl, household));
        } catch {
          unanswered += 1; // the kill: this consumer was never told, so nothing is promised to it
          return;
        }
      }
    };
    const consumers = Array.from({ length: 40 }, consumer);
    const deadline = Date.now() + 30_000;
    while (told.length < 80 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const metrics = await (await fetch(`${first.baseUrl}/metrics`)).text();
    first.process.signal('SIGKILL');
    await first.process.exited;
    await Promise.all(consumers);
    const toldBeforeKill = [...told];
    const counter = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? 0);
    // The run proves something only if the writes were grouped and the kill caught consumers mid-journey.
    expect(counter('exchange_store_group_commit_writes_total')).toBeGreaterThan(counter('exchange_store_group_commits_total'));
    expect(unanswered).toBeGreaterThan(0);
    expect(toldBeforeKill.length).toBeGreaterThanOrEqual(80);

    const second = await startExchange(group, dir, insurer.baseUrl);
    // Every confirmation a consumer was told is in the store the restarted exchange opened.
    const lookups = await Promise.all(
      toldBeforeKill.map(async ({ confirmationNumber, token }) => {
        const response = await fetch(`${second.baseUrl}/api/v1/enrollments/${confirmationNumber}`, { headers: { authorization: `Bearer ${token}` } });
        return response.status === 200 ? undefined : `${confirmationNumber}: ${response.status}`;
      }),
    );
    expect(lookups.filter((l) => l !== undefined)).toEqual([]);
    expect(await drained(second.baseUrl, 60_000)).toBe(true);
    const received = await receipts(insurer.baseUrl);
    const missing = toldBeforeKill.filter((t) => !received.has(t.confirmationNumber)).map((t) => t.confirmationNumber);
    const twice = toldBeforeKill.filter((t) => (received.get(t.confirmationNumber)?.size ?? 0) > 1).map((t) => t.confirmationNumber);
    expect({ missing, twice }).toEqual({ missing: [], twice: [] });
  });
});
