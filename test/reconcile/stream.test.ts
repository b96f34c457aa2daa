// reconcileStreams gives what reconcile gives, examples and their order included, whatever the partitions, with
// partitions spilled to disk and read back, and with values the compact lines cannot carry as they are.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { faultyWorld } from '../../bench/fixtures/faultyWorld.ts';
import { household, ledgerEntry, receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';
import { reconcile, type ReconcileInput } from '../../reconcile/reconcile.ts';
import { workersFor } from '../../reconcile/partitionWorkers.ts';
import { partitionsFor, reconcileStreams } from '../../reconcile/stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'reconcile-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('reconcileStreams', () => {
  const world = faultyWorld(4_000, 4);
  const input: ReconcileInput = {
    households: world.households,
    ledger: world.ledger,
    received: world.received,
    deadlineMs: 30_000,
    cutOff: { cutOffAt: '2025-11-01T12:01:00.000Z', waitedMs: 60_000, confirmations: world.pending },
    examplesPerClass: 20,
  };
  const inMemory = reconcile(input);

  it('finds every defect class in the faulty world (so the comparison below means something)', () => {
    for (const [defect, count] of Object.entries(inMemory.classes)) expect(count, defect).toBeGreaterThan(10);
    expect(inMemory.examples.length).toBeGreaterThan(100);
  });

  it.each([
    [1, 1],
    [7, 1],
    [7, 2],
    [64, 2],
  ])('gives the same reconciliation as in memory with %i partition(s) in %i thread(s), from async streams', async (partitions, workers) => {
    const streamed = await reconcileStreams({
      ...input,
      ledger: slowly(world.ledger),
      households: slowly(world.households),
      received: slowly(world.received),
      partitions,
      workers,
      spillDir: dir,
    });
    expect(streamed.result).toEqual(inMemory);
    expect(JSON.stringify(streamed.result)).toBe(JSON.stringify(inMemory));
    // Partitions of more than a buffer went to disk and came back; nothing is left behind.
    if (partitions === 1) expect(streamed.spilledMiB).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('carries texts with tabs, newlines and backslashes, and odd types, through the compact lines unchanged', async () => {
    const h = household(1);
    const awkward = { ...h, zip: '22\t030', members: h.members.map((m, i) => (i === 1 ? { ...m, lastName: 'Love\\lace\n' } : m)) };
    const records = receivedRecords(1).map((r, i) =>
      i === 1 ? { ...r, lastName: 'Love\\lace\n', zip: '22\t030' } : { ...r, firstName: 'A\tDA', aptc: '700' as unknown as number },
    );
    const odd: ReconcileInput = {
      households: [awkward, household(2)],
      ledger: [ledgerEntry(1), ledgerEntry(2)],
      received: [...records, ...receivedRecords(2)],
      deadlineMs: 30_000,
    };
    const expected = reconcile(odd);
    expect(expected.classes.garbled).toBe(1);
    expect((await reconcileStreams({ ...odd, partitions: 2, workers: 1 })).result).toEqual(expected);
  });

  it.each([
    [7, 2],
    [64, 3],
  ])('gives the same reconciliation from shared sources partitioned by the threads: %i partition(s), %i thread(s)', async (partitions, workers) => {
    const fixtures = new URL('../../bench/fixtures/faultyWorld.ts', import.meta.url).href;
    const args = { n: 4_000, seed: 4 };
    const streamed = await reconcileStreams({
      ...input,
      ledger: { module: fixtures, name: 'faultyLedgerShare', args },
      households: { module: fixtures, name: 'faultyHouseholdShare', args },
      received: { module: fixtures, name: 'faultyReceivedShare', args },
      partitions,
      workers,
      spillDir: dir,
    });
    expect(streamed.threads.partitioning).toBe(workers);
    expect(JSON.stringify(streamed.result)).toBe(JSON.stringify(inMemory));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads a shared source in the main thread when it has no threads', async () => {
    const fixtures = new URL('../../bench/fixtures/faultyWorld.ts', import.meta.url).href;
    const args = { n: 4_000, seed: 4 };
    const streamed = await reconcileStreams({
      ...input,
      ledger: { module: fixtures, name: 'faultyLedgerShare', args },
      households: world.households,
      received: { module: fixtures, name: 'faultyReceivedShare', args },
      partitions: 5,
      workers: 1,
    });
    expect(streamed.threads.partitioning).toBe(1);
    expect(JSON.stringify(streamed.result)).toBe(JSON.stringify(inMemory));
  });

  it('names a shared source whose module lacks the function', async () => {
    const fixtures = new URL('../../bench/fixtures/faultyWorld.ts', import.meta.url).href;
    const source = { module: fixtures, name: 'noSuchShare', args: {} };
    await expect(reconcileStreams({ ...input, ledger: source, households: source, received: source, partitions: 4, workers: 2 })).rejects.toThrow(
      /partitioning the (ledger|households) in a thread: .*expected it to export a function noSuchShare/,
    );
  });

  it('sizes partitions from the expected enrollments: one per 2,500, at least one, at most 4,096', () => {
    expect(partitionsFor(undefined)).toBe(1);
    expect(partitionsFor(2_000)).toBe(1);
    expect(partitionsFor(5_000_000)).toBe(2_000);
    expect(partitionsFor(100_000_000)).toBe(4_096);
  });

  it('starts threads only from 8 partitions (17,501 enrollments) on, and never with an option a thread cannot take', () => {
    expect(workersFor(partitionsFor(17_500), { deadlineMs: 1 })).toBe(1);
    expect(workersFor(partitionsFor(20_000), { deadlineMs: 1 })).toBeGreaterThanOrEqual(Math.min(2, availableParallelism()));
    expect(workersFor(partitionsFor(5_000_000), { deadlineMs: 1, expectedIssuerOf: () => '1' })).toBe(1);
  });
});
