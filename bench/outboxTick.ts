// Benchmark: what the 834 dispatcher's every tick (5 a second) reads of the exchange store, as the outbox grows over
// a soak. Until issue #19 the tick counted the pending rows with the full status (a scan of every row ever sent):
// 7 ms a tick at 50,000 rows and 180 ms at 1,000,000, so a day's soak would have spent the exchange's event loop on
// its own bookkeeping. Now it reads the pending rows and the batches not yet done through indexes
// (store.ts TICK_QUERIES). Both reads are timed here on the same store, side by side, at growing sizes, with a
// tick's worth of rows left pending. OUTBOX_TICK_ROWS (default 200,000) sets the largest size.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Enrollment } from '../domain/enrollment.ts';
import { openExchangeStore, type ExchangeStore } from '../mock-exchange/exchange/store.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';

/** Rows left pending at each size: about one tick's confirmations at the goal's rate (2,000,000 an hour). */
const PENDING = 120;
const SEAL = 500;

/** A synthetic one-member enrollment (a never-issued SSN, a fictional phone number). */
function enrollment(n: number): Enrollment {
  return {
    confirmationNumber: `CNF-${String(n).padStart(8, '0')}`,
    householdId: `hh-${n}`,
    issuerId: `1000${n % 8}`,
    planId: `1000${n % 8}VA0010001-04`,
    metal: 'silver',
    planYear: 2026,
    effectiveDate: '2026-01-01',
    endDate: '2026-12-31',
    state: 'VA',
    countyFips: '51059',
    zip: '22030',
    city: 'Fairfax',
    street: '1 Main St',
    phone: '703-555-0101',
    ratingArea: 'R-VA010',
    premium: 700.5,
    aptc: 500,
    csrAmount: 0,
    otherPayment: 0,
    owed: 200.5,
    submittedAt: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
    members: [
      {
        memberId: `M-${n}`,
        relationship: 'self',
        firstName: 'Ada',
        lastName: 'Example',
        dob: '1985-03-04',
        sex: 'F',
        ssn: `900${String(n % 1e6).padStart(6, '0')}`,
        tobacco: false,
        premium: 700.5,
      },
    ],
  };
}

/** Confirms enrollments up to `to` through the store's group commit, then seals and delivers all but the last PENDING. */
async function growTo(store: ExchangeStore, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, to - start) }, (_, i) => enrollment(start + i));
    await Promise.all(chunk.map((e) => store.confirmEnrollment(e, e.householdId, `account-${e.householdId}`)));
  }
  for (;;) {
    const rows = store.unbatched(SEAL);
    if (store.pendingOutbox().pending <= PENDING || rows.length === 0) break;
    const sealed = rows.slice(0, Math.min(rows.length, store.pendingOutbox().pending - PENDING));
    const control = store.sealBatch('10000', sealed, new Date());
    store.settleBatch(
      control,
      sealed.map((r) => ({ confirmation: r.confirmation, accepted: true })),
    );
  }
}

/** Median ms of `read` over `times` calls. */
function medianMs(read: () => unknown, times = 15): number {
  const ms: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    read();
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)]!;
}

export async function benchOutboxTick(largest = envNumber('OUTBOX_TICK_ROWS', 200_000)): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-outbox-'));
  const store = openExchangeStore(dir);
  const figures: Figures = {};
  try {
    let rows = 0;
    for (const size of [10_000, 50_000, largest].filter((s, i, all) => s <= largest && all.indexOf(s) === i)) {
      await growTo(store, rows, size);
      rows = size;
      const label = `${size.toLocaleString('en-US')} rows`;
      const now = medianMs(() => {
        store.pendingOutbox();
        store.dueBatches(Date.now());
      });
      const before = medianMs(() => {
        store.outboxStatus();
        store.dueBatches(Date.now());
      });
      figures[`outbox tick: ${label}, the tick's reads now`] = {
        value: Math.round(now * 1000) / 1000,
        unit: 'ms a tick (pending count and oldest, due batches)',
      };
      figures[`outbox tick: ${label}, with the full status as before`] = { value: Math.round(before * 1000) / 1000, unit: 'ms a tick' };
      figures[`outbox tick: ${label}, before ÷ now`] = { value: Math.round((before / now) * 10) / 10, unit: 'ratio' };
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
