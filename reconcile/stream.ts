// Reconciliation of a run of any size in bounded memory (a grace hash join): the ledger, the households and the
// insurer's records are read once each, as streams, and each item is sent to one of N partitions on disk, so that a
// confirmation's ledger entry, its household and all its member records land in the same one. Each partition is then
// reconciled in memory by the same core as a whole run (reconcile.ts), and the tallies added up: the same answer as
// `reconcile`, examples and their order included. What stays in memory across the run: the partition of each
// confirmation number (partitionTable.ts, about 30 bytes each), and one partition per thread at a time.
//
// Streams the main thread iterates are partitioned by the main thread. Shared sources (partitionWorkers.ts) are
// partitioned by the threads themselves: one thread writes the ledger (and so the table of partitions) while another
// writes the households, then each thread writes a share of the records, looking their partition up in the table
// shared with it. Each thread writes its own files; a partition reads them in stream order, so the answer is the same.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { each, hash30, partitionHouseholds, partitionLedger, partitionRecords, type Stream } from './partitioning.ts';
import { PartitionTable } from './partitionTable.ts';
import { openShare, PartitionThreads, workersFor, type PartitionShare, type SharedSource } from './partitionWorkers.ts';
import { combineTallies, reconcilePartition, type PartitionTally, type ReconcileOptions, type Reconciliation } from './reconcile.ts';
import { PartitionFiles, readPartition, type SpilledPart } from './spill.ts';

export { each, hash30, type Stream };
export type { SharedSource };

/** A stream the main thread iterates, or a source threads open in shares. */
export type Source<T> = Stream<T> | SharedSource;

export interface ReconcileStreamsInput extends ReconcileOptions {
  /** Read first, to its end, before the records. */
  ledger: Source<LedgerEntry>;
  households: Source<Household>;
  received: Source<InsurerRecord>;
  /** How many partitions: default from `expectedEnrollments`, one per 2,500 enrollments (at least 1, at most 4,096). */
  partitions?: number;
  /** About how many ledger entries there are (e.g. from the ledger file's size), to size the partitions. */
  expectedEnrollments?: number;
  /** Where the partitions are written (in a new folder of their own, removed afterwards); default the OS temp folder. */
  spillDir?: string;
  /** Threads that partition shared sources and reconcile partitions side by side; default one per core (at most 4), 1 for a single partition. */
  workers?: number;
}

export interface StreamedReconciliation {
  result: Reconciliation;
  /** How many partitions it used, and how much went to disk (MiB). */
  partitions: number;
  spilledMiB: number;
  /** Seconds reading the streams into partitions (the streams' own making included), and reconciling the partitions. */
  seconds: { partitioning: number; reconciling: number };
  /** CPU seconds of the whole process (every thread) in the same two phases. */
  cpuSeconds: { partitioning: number; reconciling: number };
  /** Threads that partitioned the streams (1: the main thread) and that reconciled the partitions. */
  threads: { partitioning: number; reconciling: number };
}

/** Small enough that a partition's objects live and die in a thread's young generation (partitionWorkers.ts). */
export const ENROLLMENTS_PER_PARTITION = 2_500;
const MAX_PARTITIONS = 4_096;

export function partitionsFor(expectedEnrollments: number | undefined): number {
  if (!expectedEnrollments || expectedEnrollments <= 0) return 1;
  return Math.min(MAX_PARTITIONS, Math.max(1, Math.ceil(expectedEnrollments / ENROLLMENTS_PER_PARTITION)));
}

export const isShared = <T>(source: Source<T>): source is SharedSource =>
  typeof (source as SharedSource).module === 'string' && !(Symbol.iterator in source) && !(Symbol.asyncIterator in source);

/** A source as a stream the main thread iterates (a shared source: all of it, as one share). */
async function streamOf<T>(source: Source<T>): Promise<Stream<T>> {
  return isShared(source) ? openShare<T>(source, 0, 1) : source;
}

const cpuBetween = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage): number => (to.user - from.user + to.system - from.system) / 1e6;
const MiB = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function reconcileStreams(input: ReconcileStreamsInput): Promise<StreamedReconciliation> {
  const count = input.partitions ?? partitionsFor(input.expectedEnrollments);
  const threads = input.workers ?? workersFor(count, input);
  const shared = threads > 1 && isShared(input.ledger) && isShared(input.households) && isShared(input.received);
  const pool = threads > 1 ? new PartitionThreads(threads) : undefined;
  // A folder of its own (inside spillDir when given), removed afterwards whatever happens.
  const dir = mkdtempSync(join(input.spillDir ?? tmpdir(), 'reconcile-'));
  let inMain: PartitionFiles | undefined;
  try {
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    let partitionFiles: SpilledPart[][];
    let intended: number;
    let spilledBytes = 0;
    if (shared && pool) {
      const { intended: counted, shares } = await partitionInThreads(pool, input as SharedInput, count, dir);
      intended = counted;
      partitionFiles = Array.from({ length: count }, (_, p) => shares.flatMap((share) => (share.files[p] ? [share.files[p]] : [])));
      for (const share of shares) spilledBytes += share.spilledBytes;
    } else {
      inMain = new PartitionFiles(count, dir);
      const partitionOf = new PartitionTable(input.expectedEnrollments);
      await partitionLedger(await streamOf(input.ledger), inMain, partitionOf);
      intended = await partitionHouseholds(await streamOf(input.households), inMain);
      await partitionRecords(await streamOf(input.received), inMain, partitionOf);
      partitionFiles = pool ? inMain.flushAll().map((file) => (file ? [file] : [])) : [];
    }
    const partitioned = performance.now();
    const partitionedCpu = process.cpuUsage();
    let tallies: PartitionTally[];
    if (pool) tallies = await pool.reconcile(partitionFiles, input);
    else {
      tallies = [];
      for (let p = 0; p < count; p++) tallies.push(reconcilePartition(readPartition(inMain!.take(p)), input));
    }
    if (inMain) spilledBytes += inMain.spilledBytes;
    const result = combineTallies(tallies, intended, input);
    const seconds = { partitioning: (partitioned - started) / 1000, reconciling: (performance.now() - partitioned) / 1000 };
    const cpuSeconds = { partitioning: cpuBetween(startedCpu, partitionedCpu), reconciling: cpuBetween(partitionedCpu, process.cpuUsage()) };
    return {
      result,
      partitions: count,
      spilledMiB: MiB(spilledBytes),
      seconds,
      cpuSeconds,
      threads: { partitioning: shared ? threads : 1, reconciling: threads },
    };
  } finally {
    await pool?.close();
    inMain?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

type SharedInput = ReconcileStreamsInput & { ledger: SharedSource; households: SharedSource; received: SharedSource };

/** Shares of the records per thread: threads that finish the ledger or the households first take more of them. */
const RECORD_SHARES_PER_THREAD = 4;

/** The shares every thread wrote, in the order a partition reads them: ledger, households, records share by share. */
async function partitionInThreads(
  pool: PartitionThreads,
  input: SharedInput,
  count: number,
  dir: string,
): Promise<{ intended: number; shares: PartitionShare[] }> {
  // The ledger in one thread (its first entry of a confirmation counts, and it builds the table), the households in
  // another; then every thread takes the next share of the records as it comes free (they need the whole table).
  const ledgerDone = pool.partition(0, { kind: 'ledger', source: input.ledger, count, dir, prefix: 'ledger', expected: input.expectedEnrollments ?? 1024 });
  const householdsDone = pool.partition(1, { kind: 'households', source: input.households, share: 0, shares: 1, count, dir, prefix: 'households' });
  const shares = RECORD_SHARES_PER_THREAD * pool.size;
  const records: Promise<PartitionShare>[] = [];
  // After an error no more shares are started; those started finish, so the error reported is the first in stream order.
  let failed = false;
  const noteError = (done: Promise<PartitionShare>): void => {
    done.catch(() => {
      failed = true;
    });
  };
  noteError(ledgerDone);
  noteError(householdsDone);
  await Promise.allSettled(
    Array.from({ length: pool.size }, async (_, thread) => {
      if (thread === 1) await householdsDone;
      const table = (await ledgerDone).table!;
      while (!failed && records.length < shares) {
        const share = records.length;
        const done = pool.partition(thread, { kind: 'records', source: input.received, share, shares, count, dir, prefix: `records-${share}`, table });
        records.push(done);
        noteError(done);
        await done;
      }
    }),
  );
  // The ledger's error first, then the households', then the records' share by share: what reading them in turn meets first.
  const ledger = await ledgerDone;
  const households = await householdsDone;
  const written: PartitionShare[] = [];
  for (const share of records) written.push(await share);
  return { intended: households.intended ?? 0, shares: [ledger, households, ...written] };
}
