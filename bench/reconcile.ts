// Benchmark: three-way reconciliation of 1,000,000 insurer member records (500,000 two-member enrollments).
// Goal (issue #5): at most 10 s on this machine.

import { reconcile } from '../reconcile/reconcile.ts';
import { household, ledgerEntry, receivedRecords } from './fixtures/reconcileRecords.ts';
import type { Figures } from './figures.ts';

export async function benchReconcile(enrollments = 500_000): Promise<Figures> {
  const households = Array.from({ length: enrollments }, (_, i) => household(i));
  const ledger = Array.from({ length: enrollments }, (_, i) => ledgerEntry(i));
  const received = households.flatMap((_, i) => receivedRecords(i));
  const started = performance.now();
  const result = reconcile({ households, ledger, received, deadlineMs: 30_000 });
  const seconds = (performance.now() - started) / 1000;
  if (result.enrollments.intact !== enrollments) throw new Error(`reconcile bench: expected ${enrollments} intact, got ${result.enrollments.intact}`);
  return {
    'reconcile: member records': { value: received.length, unit: 'records' },
    'reconcile: wall time': { value: Math.round(seconds * 100) / 100, unit: 's' },
    'reconcile: records per second': { value: Math.round(received.length / seconds), unit: 'records/s' },
    'reconcile: share of the 10 s goal used': { value: Math.round((seconds / 10) * 1000) / 1000, unit: 'ratio' },
  };
}
