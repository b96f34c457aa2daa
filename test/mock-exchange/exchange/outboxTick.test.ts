// The dispatcher's every-tick reads of the exchange store: the same figures as the full status, and read through
// indexes, so a tick costs what is pending rather than every row a soak ever sent.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openExchangeStore, SCHEMA, TICK_QUERIES } from '../../../mock-exchange/exchange/store.ts';
import { singleEnrollment } from '../../domain/edi834/fixtures.ts';

describe('the dispatcher tick reads of the exchange store', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the pending rows and finds the oldest, as the full status does, as rows are sealed and settled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-tick-'));
    dirs.push(dir);
    const store = openExchangeStore(dir);
    try {
      expect(store.pendingOutbox()).toEqual({ pending: 0, oldestPendingAt: null });
      const enrollments = Array.from({ length: 6 }, (_, i) => ({ ...singleEnrollment(i + 1), submittedAt: `2026-11-0${i + 1}T12:00:00.000Z` }));
      await Promise.all(enrollments.map((e) => store.confirmEnrollment(e, e.householdId, 'account-1')));
      const agrees = () => {
        const { pending, oldestPendingAt } = store.outboxStatus();
        expect(store.pendingOutbox()).toEqual({ pending, oldestPendingAt });
      };
      agrees();
      expect(store.pendingOutbox()).toEqual({ pending: 6, oldestPendingAt: '2026-11-01T12:00:00.000Z' });

      // The three oldest sealed and delivered, the next two sealed and still pending (a batch in flight counts).
      const first = store.sealBatch(
        'issuer-a',
        enrollments.slice(0, 3).map((e) => ({ confirmation: e.confirmationNumber, copy: 0 })),
        new Date('2026-11-10T00:00:00Z'),
      );
      store.settleBatch(
        first,
        enrollments.slice(0, 3).map((e) => ({ confirmation: e.confirmationNumber, accepted: true })),
      );
      store.sealBatch(
        'issuer-a',
        enrollments.slice(3, 5).map((e) => ({ confirmation: e.confirmationNumber, copy: 0 })),
        new Date('2026-11-10T00:00:00Z'),
      );
      agrees();
      expect(store.pendingOutbox()).toEqual({ pending: 3, oldestPendingAt: '2026-11-04T12:00:00.000Z' });
      expect(store.dueBatches(Date.parse('2026-11-10T00:00:01Z')).map((b) => b.enrollments.length)).toEqual([2]);
    } finally {
      store.close();
    }
  });

  it('reads the pending rows and the batches not yet done through an index, never a scan of the whole table', () => {
    const db = new Database(':memory:');
    try {
      db.exec(SCHEMA);
      const plan = (sql: string, ...args: unknown[]) =>
        db
          .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
          .all(...args)
          .map((row) => row.detail);
      // SEARCH: a range of the index (status = 'pending'), whose size is what is pending.
      expect(plan(TICK_QUERIES.pendingOutbox)).toEqual([expect.stringMatching(/^SEARCH outbox USING (COVERING )?INDEX outbox_unbatched \(status=\?\)/)]);
      // A scan of the partial index holds only the batches not yet done.
      expect(plan(TICK_QUERIES.dueBatches, 0)).toEqual(['SCAN batches USING INDEX batches_due']);
    } finally {
      db.close();
    }
  });
});
