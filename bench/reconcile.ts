// Benchmark: three-way reconciliation at a peak day's volume, streaming. 10,000,000 insurer member records (5,000,000
// two-member enrollments, their ledger entries and households) reconciled by reconcileStreams with partitions on disk.
// Goal (issue #19): ≤ 60 s wall and peak memory ≤ 2 GiB on the 2-core machine.
// The three streams are shared sources (fixtures/reconcileRecords.ts: ledgerShare, householdShare, receivedShare):
// each partitioning thread makes the fixture objects of its own share, so making the input is still counted in the
// wall and CPU time (as reading the files would be in a real run), now on both cores. What the figures mean:
// - wall time: from the first fixture made to the result; CPU time: the whole process, every thread;
// - partitioning: making the items, encoding them into partition lines and writing the spill files;
//   reconciling: reading each partition back, decoding it and reconciling it (two threads);
// - peak RSS: getrusage's maximum for the process (every thread), with samples every 250 ms;
// - spilled: bytes written to the spill files.
// Not measured here: `harness reconcile --run DIR`, whose threads read the run's NDJSON files in byte ranges
// (reconcile/ndjsonShares.ts); reconcile/README.md gives its figure for 1,000,000 records.
// Beside it, the in-memory reconcile of 1,000,000 records as before (issue #5: ≤ 10 s), measured after the streamed
// run so its arrays do not count in the streamed peak. RECONCILE_RECORDS=1000000 for a quicker run.

import { reconcile } from '../reconcile/reconcile.ts';
import { reconcileStreams } from '../reconcile/stream.ts';
import { household, ledgerEntry, receivedRecords } from './fixtures/reconcileRecords.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function benchReconcile(records = envNumber('RECONCILE_RECORDS', 10_000_000), inMemoryRecords = 1_000_000): Promise<Figures> {
  const enrollments = Math.floor(records / 2);
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 250);
  // Shared sources: each thread makes the fixture objects of its own share (counted in the wall and CPU time).
  const fixtures = new URL('./fixtures/reconcileRecords.ts', import.meta.url).href;
  const run = { enrollments };
  const startedCpu = process.cpuUsage();
  const started = performance.now();
  const streamed = await reconcileStreams({
    ledger: { module: fixtures, name: 'ledgerShare', args: run },
    households: { module: fixtures, name: 'householdShare', args: run },
    received: { module: fixtures, name: 'receivedShare', args: run },
    deadlineMs: 30_000,
    expectedEnrollments: enrollments,
  }).finally(() => clearInterval(sampler));
  const seconds = (performance.now() - started) / 1000;
  // Every thread of the process (the partitioning and reconciling threads included).
  const cpu = process.cpuUsage(startedCpu);
  // getrusage's maximum: the true peak, between samples too (nothing bigger ran in this process before).
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  if (streamed.result.enrollments.intact !== enrollments)
    throw new Error(`reconcile bench: expected ${enrollments} intact, got ${streamed.result.enrollments.intact}`);

  const inMemoryEnrollments = Math.floor(inMemoryRecords / 2);
  const households = Array.from({ length: inMemoryEnrollments }, (_, i) => household(i));
  const ledger = Array.from({ length: inMemoryEnrollments }, (_, i) => ledgerEntry(i));
  const received = households.flatMap((_, i) => receivedRecords(i));
  const inMemoryStarted = performance.now();
  const inMemory = reconcile({ households, ledger, received, deadlineMs: 30_000 });
  const inMemorySeconds = (performance.now() - inMemoryStarted) / 1000;
  if (inMemory.enrollments.intact !== inMemoryEnrollments)
    throw new Error(`reconcile bench: expected ${inMemoryEnrollments} intact in memory, got ${inMemory.enrollments.intact}`);
  return {
    'reconcile: streamed member records': { value: enrollments * 2, unit: 'records' },
    'reconcile: streamed wall time (fixtures made on the fly)': { value: Math.round(seconds * 100) / 100, unit: 's' },
    'reconcile: streamed CPU time': { value: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100, unit: 's' },
    'reconcile: streamed partitioning (making the fixtures included)': { value: Math.round(streamed.seconds.partitioning * 100) / 100, unit: 's' },
    'reconcile: streamed reconciling the partitions': { value: Math.round(streamed.seconds.reconciling * 100) / 100, unit: 's' },
    'reconcile: streamed CPU partitioning (all threads)': { value: Math.round(streamed.cpuSeconds.partitioning * 100) / 100, unit: 's' },
    'reconcile: streamed CPU reconciling (all threads)': { value: Math.round(streamed.cpuSeconds.reconciling * 100) / 100, unit: 's' },
    'reconcile: streamed records per second': { value: Math.round((enrollments * 2) / seconds), unit: 'records/s' },
    'reconcile: streamed peak RSS': { value: mib(peakRss), unit: 'MiB' },
    'reconcile: streamed partitions': { value: streamed.partitions, unit: 'partitions' },
    'reconcile: streamed threads partitioning': { value: streamed.threads.partitioning, unit: 'threads' },
    'reconcile: streamed threads reconciling': { value: streamed.threads.reconciling, unit: 'threads' },
    'reconcile: streamed spilled to disk': { value: streamed.spilledMiB, unit: 'MiB' },
    'reconcile: share of the 60 s goal used': { value: Math.round((seconds / 60) * 1000) / 1000, unit: 'ratio' },
    'reconcile: share of the 2 GiB goal used': { value: Math.round((peakRss / 2 ** 31) * 1000) / 1000, unit: 'ratio' },
    'reconcile: in-memory member records': { value: received.length, unit: 'records' },
    'reconcile: in-memory wall time': { value: Math.round(inMemorySeconds * 100) / 100, unit: 's' },
    'reconcile: in-memory records per second': { value: Math.round(received.length / inMemorySeconds), unit: 'records/s' },
  };
}
