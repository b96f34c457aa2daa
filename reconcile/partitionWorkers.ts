// Threads for a streamed reconciliation, one per core: each can write a share of the streams into partition files
// (when the streams are shared sources a thread can open itself), then reconcile partitions with the same core as the
// main thread (reconcilePartition) and send back their tallies, the next partition going to whichever thread is free.
// Options that cannot cross to a thread (a function) keep the work in the main thread.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { partitionHouseholds, partitionLedger, partitionRecords, type Stream } from './partitioning.ts';
import { PartitionTable, type PartitionTableData } from './partitionTable.ts';
import { reconcilePartition, type PartitionTally, type ReconcileOptions } from './reconcile.ts';
import { linesOf, PartitionFiles, readPartition, type SpilledPart } from './spill.ts';
import { UsageError } from '../vocabulary/errors.ts';

const MAX_WORKERS = 4;
/**
 * A thread's young generation (MiB): a partition's objects (about 2,500 enrollments, 10 MiB) then live and die there,
 * instead of being copied by each scavenge and promoted to the old generation, which is most of the cost otherwise.
 */
const YOUNG_GENERATION_MB = 128;

/** Fewer partitions than this (17,500 enrollments) are reconciled sooner than a thread starts (it loads the TypeScript loader). */
const MIN_PARTITIONS_FOR_THREADS = 8;

/** Threads worth starting: none for a small run, or when an option cannot be sent to a thread. */
export function workersFor(partitions: number, options: ReconcileOptions): number {
  if (partitions < MIN_PARTITIONS_FOR_THREADS || options.expectedIssuerOf) return 1;
  return Math.min(MAX_WORKERS, availableParallelism(), partitions);
}

/**
 * A stream a thread can open itself, in shares: `module` (a file URL) exports `name(args, share, shares)` giving the
 * items of that share in stream order; shares 0, 1, … in turn make the whole stream.
 */
export interface SharedSource {
  module: string;
  name: string;
  args?: unknown;
}

type JobOptions = Omit<ReconcileOptions, 'expectedIssuerOf'>;

export type PartitionJob =
  | { kind: 'ledger'; source: SharedSource; count: number; dir: string; prefix: string; expected: number }
  | { kind: 'households'; source: SharedSource; share: number; shares: number; count: number; dir: string; prefix: string }
  | { kind: 'records'; source: SharedSource; share: number; shares: number; count: number; dir: string; prefix: string; table: PartitionTableData };

export interface PartitionShare {
  /** Where each partition's lines are (undefined: nothing in it). */
  files: (SpilledPart | undefined)[];
  spilledBytes: number;
  intended?: number;
  table?: PartitionTableData;
}

type Job = { partition: PartitionJob } | { files: SpilledPart[]; options: JobOptions };
/** `usage`: a UsageError (a bad line of an input file), thrown again as itself in the main thread. */
type Reply = { tally: PartitionTally } | { share: PartitionShare } | { usage: [string, string, string] } | { error: string };

const EMPTY = { households: new Map(), ledger: [], received: new Map() };

/** The items of one share of a shared source. */
export async function openShare<T>(source: SharedSource, share: number, shares: number): Promise<Stream<T>> {
  const module = (await import(source.module)) as Record<string, unknown>;
  const open = module[source.name];
  if (typeof open !== 'function') throw new Error(`shared source ${source.module}: expected it to export a function ${source.name}(args, share, shares)`);
  return (open as (args: unknown, share: number, shares: number) => Stream<T>)(source.args, share, shares);
}

/** Numbers a share's records above every record of the shares before it (2^44 records a share). */
export const firstSeqOf = (share: number): number => share * 2 ** 44;

async function writeShare(job: PartitionJob): Promise<PartitionShare> {
  const files = new PartitionFiles(job.count, job.dir, job.prefix);
  if (job.kind === 'ledger') {
    const table = new PartitionTable(job.expected, true);
    await partitionLedger(await openShare<LedgerEntry>(job.source, 0, 1), files, table);
    return { files: files.flushAll(), spilledBytes: files.spilledBytes, table: table.data };
  }
  if (job.kind === 'households') {
    const intended = await partitionHouseholds(await openShare<Household>(job.source, job.share, job.shares), files);
    return { files: files.flushAll(), spilledBytes: files.spilledBytes, intended };
  }
  const table = PartitionTable.from(job.table);
  await partitionRecords(await openShare<InsurerRecord>(job.source, job.share, job.shares), files, table, firstSeqOf(job.share));
  return { files: files.flushAll(), spilledBytes: files.spilledBytes };
}

/** In a worker: writes each share, or reconciles each partition, sent; replies with the result. */
export function servePartitions(port: MessagePort | null): void {
  port?.on('message', async (job: Job) => {
    try {
      if ('partition' in job) port.postMessage({ share: await writeShare(job.partition) } satisfies Reply);
      else {
        const part = job.files.length > 0 ? readPartition(linesOf(job.files)) : EMPTY;
        port.postMessage({ tally: reconcilePartition(part, job.options) } satisfies Reply);
      }
    } catch (error) {
      if (error instanceof UsageError) port.postMessage({ usage: [error.input, error.expected, error.hint] } satisfies Reply);
      else port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    }
  });
}

/** Threads that take one job at a time each. */
export class PartitionThreads {
  private readonly workers: Worker[];

  constructor(threads: number) {
    const file = fileURLToPath(new URL('./partitionWorker.mjs', import.meta.url));
    this.workers = Array.from({ length: threads }, () => new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
  }

  get size(): number {
    return this.workers.length;
  }

  private run(thread: number, job: Job): Promise<Reply> {
    const worker = this.workers[thread]!;
    return new Promise<Reply>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      worker.once('error', onError);
      worker.once('message', (reply: Reply) => {
        worker.off('error', onError);
        resolve(reply);
      });
      worker.postMessage(job);
    });
  }

  /** One share of the streams written into partition files by thread `thread`. */
  async partition(thread: number, job: PartitionJob): Promise<PartitionShare> {
    const reply = await this.run(thread, { partition: job });
    if ('usage' in reply) throw new UsageError(...reply.usage);
    if ('error' in reply) throw new Error(`partitioning the ${job.kind} in a thread: ${reply.error}`);
    if (!('share' in reply)) throw new Error('partitioning in a thread: expected a share in reply');
    return reply.share;
  }

  /** The tallies of the partitions (each its writers' parts, in order; none: an empty partition), in partition order. */
  async reconcile(files: SpilledPart[][], options: ReconcileOptions): Promise<PartitionTally[]> {
    const { deadlineMs, cutOff, examplesPerClass } = options;
    const jobOptions: JobOptions = { deadlineMs, ...(cutOff ? { cutOff } : {}), ...(examplesPerClass === undefined ? {} : { examplesPerClass }) };
    const tallies = new Array<PartitionTally>(files.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (_, thread) => {
        while (next < files.length) {
          const partition = next++;
          const reply = await this.run(thread, { files: files[partition]!, options: jobOptions });
          if ('error' in reply) throw new Error(`reconciling partition ${partition}: ${reply.error}`);
          if (!('tally' in reply)) throw new Error(`reconciling partition ${partition}: expected a tally in reply`);
          tallies[partition] = reply.tally;
        }
      }),
    );
    return tallies;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The tallies of the partitions (each its writers' parts, in order; none: an empty partition), in partition order. */
export async function reconcileInWorkers(files: SpilledPart[][], threads: number, options: ReconcileOptions): Promise<PartitionTally[]> {
  const pool = new PartitionThreads(threads);
  try {
    return await pool.reconcile(files, options);
  } finally {
    await pool.close();
  }
}
