// Reconciliation of a run of any size in bounded memory (a grace hash join): the ledger, the households and the
// insurer's records are read once each, as streams, and each item is sent to one of N partitions on disk, so that a
// confirmation's ledger entry, its household and all its member records land in the same one. Each partition is then
// reconciled in memory by the same core as a whole run (reconcile.ts), and the tallies added up: the same answer as
// `reconcile`, examples and their order included. What stays in memory across the run: one small number per
// confirmation number (the partition its household went to), and one partition at a time.

import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { combineTallies, mayEnroll, reconcilePartition, type PartitionTally, type ReconcileOptions, type Reconciliation } from './reconcile.ts';
import { reconcileInWorkers, workersFor } from './partitionWorkers.ts';
import { householdLine, ledgerLine, PartitionFiles, readPartition, recordLine } from './spill.ts';

export type Stream<T> = Iterable<T> | AsyncIterable<T>;

export interface ReconcileStreamsInput extends ReconcileOptions {
  /** Read first, to its end, before the others. */
  ledger: Stream<LedgerEntry>;
  households: Stream<Household>;
  received: Stream<InsurerRecord>;
  /** How many partitions: default from `expectedEnrollments`, one per 20,000 enrollments (at least 1, at most 1,024). */
  partitions?: number;
  /** About how many ledger entries there are (e.g. from the ledger file's size), to size the partitions. */
  expectedEnrollments?: number;
  /** Where the partitions are written; default a new folder under the OS temp folder, removed afterwards. */
  spillDir?: string;
  /** Threads that reconcile partitions side by side; default one per core (at most 4), 1 for a single partition. */
  workers?: number;
}

export interface StreamedReconciliation {
  result: Reconciliation;
  /** How many partitions it used, and how much went to disk (MiB). */
  partitions: number;
  spilledMiB: number;
  /** Seconds reading the streams into partitions (the streams' own making included), and reconciling the partitions. */
  seconds: { partitioning: number; reconciling: number };
}

export const ENROLLMENTS_PER_PARTITION = 20_000;
const MAX_PARTITIONS = 1_024;

export function partitionsFor(expectedEnrollments: number | undefined): number {
  if (!expectedEnrollments || expectedEnrollments <= 0) return 1;
  return Math.min(MAX_PARTITIONS, Math.max(1, Math.ceil(expectedEnrollments / ENROLLMENTS_PER_PARTITION)));
}

/** FNV-1a, 30 bits (a small integer to V8, so a map of millions of them stays compact). */
export function hash30(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x3fffffff;
}

/** Each item of a stream in turn; a plain iterable without awaiting each item (a microtask per item adds up at ten million). */
async function each<T>(stream: Stream<T>, use: (item: T) => void): Promise<void> {
  if (Symbol.iterator in stream) for (const item of stream) use(item);
  else for await (const item of stream) use(item);
}

export async function reconcileStreams(input: ReconcileStreamsInput): Promise<StreamedReconciliation> {
  const count = input.partitions ?? partitionsFor(input.expectedEnrollments);
  const files = new PartitionFiles(count, input.spillDir);
  try {
    // The partition of each confirmation is its household's: the ledger says which household that is.
    const started = performance.now();
    const partitionOf = new Map<string, number>();
    let seq = 0;
    await each(input.ledger, (entry) => {
      const at = seq++;
      if (partitionOf.has(entry.confirmationNumber)) return; // the first entry of a confirmation number counts
      const partition = hash30(entry.householdId) % count;
      partitionOf.set(entry.confirmationNumber, partition);
      files.add(partition, ledgerLine(at, entry));
    });
    let intended = 0;
    await each(input.households, (h) => {
      if (mayEnroll(h)) intended++;
      files.add(hash30(h.id) % count, householdLine(h));
    });
    seq = 0;
    await each(input.received, (r) => {
      // A phantom (no ledger entry) goes where its confirmation number says: all its records together.
      files.add(partitionOf.get(r.confirmationNumber) ?? hash30(r.confirmationNumber) % count, recordLine(seq++, r));
    });
    partitionOf.clear();
    const partitioned = performance.now();
    const threads = input.workers ?? workersFor(count, input);
    let tallies: PartitionTally[];
    if (threads > 1) tallies = await reconcileInWorkers(files.flushAll(), threads, input);
    else {
      tallies = [];
      for (let p = 0; p < count; p++) tallies.push(reconcilePartition(readPartition(files.take(p)), input));
    }
    const result = combineTallies(tallies, intended, input);
    const seconds = { partitioning: (partitioned - started) / 1000, reconciling: (performance.now() - partitioned) / 1000 };
    return { result, partitions: count, spilledMiB: Math.round((files.spilledChars / 1024 / 1024) * 10) / 10, seconds };
  } finally {
    files.dispose();
  }
}
