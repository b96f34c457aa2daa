// Group commit: the durable writes that arrive while the event loop is busy are collected and committed together in
// one SQLite transaction, made durable by one fsync, and each caller's promise settles only after that. A consumer is
// still told "confirmed" only once its enrollment and outbox row are on disk; there are just many of them per fsync.
// Each write runs in a savepoint of its own, so one that throws (a constraint) fails alone. With `sync` given, the
// transaction commits without waiting for the disk and the fsync runs off the event loop (coalesced: one at a time,
// each covering every batch committed before it started), so requests that only read go on being served meanwhile.

export interface GroupCommitOptions {
  /**
   * How long the first write of a batch waits for others, in ms; 0 (the default) collects what arrives in the same
   * event-loop turn — while the disk is busy with one batch, the next batch's requests arrive.
   */
  windowMs: number;
  /** Writes in one transaction at most; the rest go in the next. */
  maxBatch: number;
  /** Told the size of every batch that committed (for metrics). */
  onCommit?: (writes: number) => void;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { windowMs: 0, maxBatch: 1000 };

/**
 * What the store gives the committer: run `body` in one write transaction (BEGIN IMMEDIATE … COMMIT), each write in a
 * savepoint, and — when the commit itself does not wait for the disk — `sync`, which resolves once everything
 * committed before the call is on disk.
 */
export interface Transactions {
  batch(body: () => void): void;
  savepoint<T>(write: () => T): T;
  sync?: () => Promise<void>;
}

export interface GroupCommitStats {
  batches: number;
  writes: number;
  /** The most writes one transaction carried. */
  largest: number;
  /** fsyncs run off the event loop (0 without `sync`). */
  syncs: number;
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next batch's transaction; resolves with its result once that transaction is durable. */
  run<T>(write: () => T): Promise<T>;
  /** Commits what is queued now, synchronously (before the database closes); its callers still wait for the sync. */
  flush(): void;
  stats(): GroupCommitStats;
}

/**
 * One sync at a time: a caller whose commit came while a sync was running waits for the next one, which starts when
 * that ends and covers every caller that joined it.
 */
export function coalescedSync(sync: () => Promise<void>, counted: () => void = () => {}): () => Promise<void> {
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  const start = (): Promise<void> => {
    counted();
    const started = sync().finally(() => {
      if (running === started) running = undefined;
    });
    running = started;
    return started;
  };
  return () => {
    if (!running) return start();
    next ??= running
      .catch(() => {})
      .then(() => {
        next = undefined;
        return start();
      });
    return next;
  };
}

export function createGroupCommit(transactions: Transactions, options: Partial<GroupCommitOptions> = {}): GroupCommit {
  const { windowMs, maxBatch, onCommit } = { ...DEFAULT_GROUP_COMMIT, ...options };
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`group commit maxBatch ${maxBatch}: expected a whole number ≥ 1`);
  if (!Number.isFinite(windowMs) || windowMs < 0) throw new RangeError(`group commit windowMs ${windowMs}: expected a number of ms ≥ 0`);
  let queue: Pending[] = [];
  let scheduled = false;
  const stats: GroupCommitStats = { batches: 0, writes: 0, largest: 0, syncs: 0 };
  const durable = transactions.sync ? coalescedSync(transactions.sync, () => void (stats.syncs += 1)) : undefined;

  function commit(batch: Pending[]): void {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      transactions.batch(() => {
        outcomes.length = 0;
        for (const p of batch) {
          try {
            outcomes.push({ ok: true, value: transactions.savepoint(p.write) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The transaction did not commit (the database is busy, full or closed): nothing of it is durable, so no one is told it is.
      for (const p of batch) p.reject(error);
      return;
    }
    stats.batches += 1;
    stats.writes += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    onCommit?.(batch.length);
    const settle = (): void =>
      batch.forEach((p, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) p.resolve(outcome.value);
        else p.reject(outcome.error);
      });
    if (!durable) return settle();
    // Committed but maybe not on disk yet: no one is told until the sync that covers it has ended.
    durable().then(settle, (error: unknown) => {
      for (const p of batch) p.reject(error);
    });
  }

  function flush(): void {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      commit(batch);
    }
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (scheduled) return;
        scheduled = true;
        // setImmediate runs after the poll phase, so every request already read in this turn joins the batch.
        if (windowMs === 0) setImmediate(flush);
        else setTimeout(flush, windowMs);
      });
    },
    flush,
    stats: () => ({ ...stats }),
  };
}
