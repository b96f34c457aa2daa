// Group commit: the durable writes that arrive while the event loop is busy are collected and committed together in
// one SQLite transaction (one WAL fsync), and each caller's promise settles only after that transaction has committed.
// A consumer is still told "confirmed" only once its enrollment and outbox row are on disk; there are just many of
// them per fsync. Each write runs in a savepoint of its own, so one that throws (a constraint) fails alone.

export interface GroupCommitOptions {
  /**
   * How long the first write of a batch waits for others, in ms; 0 (the default) collects what arrives in the same
   * event-loop turn — while one batch's fsync blocks the loop, the next batch's requests pile up on their sockets.
   */
  windowMs: number;
  /** Writes in one transaction at most; the rest go in the next. */
  maxBatch: number;
  /** Told the size of every batch that committed (for metrics). */
  onCommit?: (writes: number) => void;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { windowMs: 0, maxBatch: 1000 };

/** What the store gives the committer: run `body` in one write transaction (BEGIN IMMEDIATE … COMMIT), and each write in a savepoint. */
export interface Transactions {
  batch(body: () => void): void;
  savepoint<T>(write: () => T): T;
}

export interface GroupCommitStats {
  batches: number;
  writes: number;
  /** The most writes one transaction carried. */
  largest: number;
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommit {
  /** Runs `write` in the next batch's transaction; resolves with its result once that transaction has committed. */
  run<T>(write: () => T): Promise<T>;
  /** Commits what is queued now, synchronously (before the database closes). */
  flush(): void;
  stats(): GroupCommitStats;
}

export function createGroupCommit(transactions: Transactions, options: Partial<GroupCommitOptions> = {}): GroupCommit {
  const { windowMs, maxBatch, onCommit } = { ...DEFAULT_GROUP_COMMIT, ...options };
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`group commit maxBatch ${maxBatch}: expected a whole number ≥ 1`);
  if (!Number.isFinite(windowMs) || windowMs < 0) throw new RangeError(`group commit windowMs ${windowMs}: expected a number of ms ≥ 0`);
  let queue: Pending[] = [];
  let scheduled = false;
  const stats: GroupCommitStats = { batches: 0, writes: 0, largest: 0 };

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
    batch.forEach((p, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) p.resolve(outcome.value);
      else p.reject(outcome.error);
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
