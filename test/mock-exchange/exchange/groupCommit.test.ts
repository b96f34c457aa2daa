// Group commit: many writes per transaction, every caller told only after its transaction committed; and the
// exchange store's confirmations through it, on a real SQLite file.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createGroupCommit, type Transactions } from '../../../mock-exchange/exchange/groupCommit.ts';
import { openExchangeStore } from '../../../mock-exchange/exchange/store.ts';
import { singleEnrollment } from '../../domain/edi834/fixtures.ts';

/** Transactions that log what happens, in order; `failCommit` makes the next commit throw. */
function loggingTransactions() {
  const log: string[] = [];
  let failCommit = false;
  const transactions: Transactions = {
    batch(body) {
      log.push('begin');
      body();
      if (failCommit) {
        failCommit = false;
        log.push('rollback');
        throw new Error('disk I/O error');
      }
      log.push('commit');
    },
    savepoint: (write) => write(),
  };
  return { log, transactions, failNextCommit: () => void (failCommit = true) };
}

describe('group commit', () => {
  it('commits the writes of one event-loop turn in one transaction, and settles each only after the commit', async () => {
    const { log, transactions } = loggingTransactions();
    const commit = createGroupCommit(transactions);
    const writes = Array.from({ length: 25 }, (_, i) =>
      commit
        .run(() => {
          log.push(`write ${i}`);
          return i * 2;
        })
        .then((value) => {
          log.push(`told ${i}`);
          return value;
        }),
    );
    expect(await Promise.all(writes)).toEqual(Array.from({ length: 25 }, (_, i) => i * 2));
    expect(log.filter((l) => l === 'begin')).toHaveLength(1);
    const committedAt = log.indexOf('commit');
    expect(log.findIndex((l) => l.startsWith('told'))).toBeGreaterThan(committedAt);
    expect(log.filter((l) => l.startsWith('write')).every((l) => log.indexOf(l) < committedAt)).toBe(true);
    expect(commit.stats()).toEqual({ batches: 1, writes: 25, largest: 25, syncs: 0 });
  });

  it('fails a write that throws alone, and every write of a transaction that does not commit', async () => {
    const { transactions, failNextCommit } = loggingTransactions();
    const commit = createGroupCommit(transactions);
    const outcomes = await Promise.allSettled([
      commit.run(() => 1),
      commit.run(() => {
        throw new Error('UNIQUE constraint failed');
      }),
      commit.run(() => 3),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    failNextCommit();
    const lost = await Promise.allSettled([commit.run(() => 4), commit.run(() => 5)]);
    expect(lost.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(commit.stats().batches).toBe(1);
  });

  it('splits a turn longer than maxBatch into several transactions', async () => {
    const { log, transactions } = loggingTransactions();
    const commit = createGroupCommit(transactions, { maxBatch: 10 });
    await Promise.all(Array.from({ length: 25 }, (_, i) => commit.run(() => i)));
    expect(log.filter((l) => l === 'commit')).toHaveLength(3);
    expect(commit.stats()).toEqual({ batches: 3, writes: 25, largest: 10, syncs: 0 });
  });

  it('with a sync off the event loop, tells no one before the sync that covers their commit has ended', async () => {
    const { log, transactions } = loggingTransactions();
    const syncs: (() => void)[] = [];
    const commit = createGroupCommit({ ...transactions, sync: () => new Promise<void>((resolve) => syncs.push(resolve)) });
    let told = 0;
    const first = Promise.all([commit.run(() => 1), commit.run(() => 2)]).then(() => void (told += 2));
    await new Promise((r) => setImmediate(r));
    expect(log).toContain('commit');
    expect(syncs).toHaveLength(1);
    // A batch committed while that sync runs waits for the next one, started only when the first ends.
    const second = commit.run(() => 3).then(() => void (told += 1));
    await new Promise((r) => setImmediate(r));
    expect(log.filter((l) => l === 'commit')).toHaveLength(2);
    expect([told, syncs.length]).toEqual([0, 1]);
    syncs[0]!();
    await first;
    expect(told).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(syncs).toHaveLength(2);
    syncs[1]!();
    await second;
    expect(told).toBe(3);
    expect(commit.stats().syncs).toBe(2);
  });

  it('fails the callers of a sync that fails', async () => {
    const { transactions } = loggingTransactions();
    const commit = createGroupCommit({ ...transactions, sync: () => Promise.reject(new Error('EIO')) });
    await expect(commit.run(() => 1)).rejects.toThrow('EIO');
  });

  it('refuses a batch size or wait it cannot use, naming it', () => {
    const { transactions } = loggingTransactions();
    expect(() => createGroupCommit(transactions, { maxBatch: 0 })).toThrow(/maxBatch 0/);
    expect(() => createGroupCommit(transactions, { windowMs: -1 })).toThrow(/windowMs -1/);
  });
});

describe('the exchange store confirms through group commit', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('stores concurrent confirmations and their outbox rows in few transactions; a second one for an application gets the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    dirs.push(dir);
    const store = openExchangeStore(dir);
    const enrollments = Array.from({ length: 40 }, (_, i) => singleEnrollment(i + 1));
    const twin = { ...singleEnrollment(99), householdId: enrollments[0]!.householdId };
    const told = await Promise.all([
      ...enrollments.map((e) => store.confirmEnrollment(e, e.householdId, 'account-1')),
      store.confirmEnrollment(twin, twin.householdId, 'account-1'),
    ]);
    expect(told.slice(0, 40).map((e) => e.confirmationNumber)).toEqual(enrollments.map((e) => e.confirmationNumber));
    // The twin arrived in the same batch: it is told the first confirmation, and nothing of it is stored.
    expect(told[40]!.confirmationNumber).toBe(enrollments[0]!.confirmationNumber);
    expect(store.groupCommitStats().batches).toBeLessThan(5);
    store.close();

    // Read back with a connection of its own: what the callers were told is on disk.
    const db = new Database(join(dir, 'exchange.sqlite'), { readonly: true });
    const outbox = db.prepare<[], { confirmation: string }>('SELECT confirmation FROM outbox ORDER BY rowid').all();
    db.close();
    expect(outbox.map((r) => r.confirmation)).toEqual(enrollments.map((e) => e.confirmationNumber));
  });

  it('refuses an update that commits after an enrollment of the same application waiting on the same group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    dirs.push(dir);
    const store = openExchangeStore(dir);
    const enrollment = singleEnrollment(7);
    await store.saveApplication({ id: enrollment.householdId, accountId: 'account-1', planYear: 2026, household: { before: true } });
    const [, updated] = await Promise.all([
      store.confirmEnrollment(enrollment, enrollment.householdId, 'account-1'),
      store.updateApplication({ id: enrollment.householdId, accountId: 'account-1', planYear: 2026, household: { before: false } }),
    ]);
    expect(updated).toBe(false);
    expect(store.findApplication(enrollment.householdId)?.household).toEqual({ before: true });
    store.close();
  });
});
