// Partitions reconciled side by side, one thread per core: each thread reads a partition file, reconciles it with
// the same core as the main thread (reconcilePartition) and sends back its tally; the next partition goes to whichever
// thread is free. Options that cannot cross to a thread (a function) keep the work in the main thread.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';
import { reconcilePartition, type PartitionTally, type ReconcileOptions } from './reconcile.ts';
import { linesOf, readPartition } from './spill.ts';

const MAX_WORKERS = 4;

/** Threads worth starting: none for one partition, or when an option cannot be sent to a thread. */
export function workersFor(partitions: number, options: ReconcileOptions): number {
  if (partitions < 2 || options.expectedIssuerOf) return 1;
  return Math.min(MAX_WORKERS, availableParallelism(), partitions);
}

interface Job {
  file: string | undefined;
  options: Omit<ReconcileOptions, 'expectedIssuerOf'>;
}

type Reply = { tally: PartitionTally } | { error: string };

const EMPTY = { households: new Map(), ledger: [], received: new Map() };

/** In a worker: reconciles each partition file sent, replying with its tally. */
export function servePartitions(port: MessagePort | null): void {
  port?.on('message', (job: Job) => {
    try {
      const part = job.file ? readPartition(linesOf(job.file)) : EMPTY;
      port.postMessage({ tally: reconcilePartition(part, job.options) } satisfies Reply);
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    }
  });
}

/** The tallies of the partition files (undefined: an empty partition), in partition order. */
export async function reconcileInWorkers(files: (string | undefined)[], threads: number, options: ReconcileOptions): Promise<PartitionTally[]> {
  const { deadlineMs, cutOff, examplesPerClass } = options;
  const jobOptions: Job['options'] = { deadlineMs, ...(cutOff ? { cutOff } : {}), ...(examplesPerClass === undefined ? {} : { examplesPerClass }) };
  const tallies = new Array<PartitionTally>(files.length);
  const workers = Array.from({ length: threads }, () => new Worker(fileURLToPath(new URL('./partitionWorker.mjs', import.meta.url))));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (): void => {
              if (next >= files.length) return resolve();
              const partition = next++;
              worker.once('message', (reply: Reply) => {
                if ('error' in reply) return reject(new Error(`reconciling partition ${partition}: ${reply.error}`));
                tallies[partition] = reply.tally;
                send();
              });
              worker.postMessage({ file: files[partition], options: jobOptions } satisfies Job);
            };
            worker.once('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return tallies;
}
