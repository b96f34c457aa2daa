// The exchange's durable store (SQLite in WAL mode): applications, confirmed enrollments and the 834 outbox.
// A confirmation and its outbox row are written in one transaction before the consumer is answered. The writes a
// request waits on (accounts, applications, confirmations) go through group commit (groupCommit.ts): many per
// transaction and fsync, each promise settled only once its transaction is on disk.

import Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Enrollment } from '../../domain/enrollment.ts';
import { createGroupCommit, type GroupCommitOptions } from './groupCommit.ts';

export interface StoredAccount {
  id: string;
  /** Lower-cased. */
  email: string;
  /** From passwords.ts: never the password. */
  passwordHash: string;
}

export interface StoredApplication {
  id: string;
  accountId: string;
  planYear: number;
  household: unknown;
}

export interface OutboxBatch {
  control: number;
  /** The issuer the interchange is addressed to (another one than the plan's under the backend.misroute fault). */
  issuerId: string;
  createdAt: string;
  enrollments: Enrollment[];
  /** Per enrollment: 0 the original, 1 a duplicate copy. */
  copies: number[];
  attempts: number;
}

export interface OutboxKey {
  confirmation: string;
  copy: number;
}

export interface UnbatchedRow extends OutboxKey {
  /** The plan's issuer. */
  issuerId: string;
  confirmedAt: string;
  originalDelivered: boolean;
  memberCount: number;
}

export interface OutboxStatus {
  pending: number;
  delivered: number;
  rejected: number;
  /** Never sent: the backend.drop fault. */
  dropped: number;
  oldestPendingAt: string | null;
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, password TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, plan_year INTEGER NOT NULL, household TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enrollments (confirmation TEXT PRIMARY KEY, application_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, body TEXT NOT NULL);
-- copy 0 is the enrollment's 834; copy 1 exists only when the backend.duplicate fault sends it again.
CREATE TABLE IF NOT EXISTS outbox (confirmation TEXT NOT NULL, copy INTEGER NOT NULL DEFAULT 0, issuer_id TEXT NOT NULL,
  confirmed_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending', batch INTEGER, reason TEXT, PRIMARY KEY (confirmation, copy));
-- What the dispatcher reads every tick must cost what is pending, not what was ever sent (a soak's outbox grows by
-- the million): the pending rows through this index, the batches not yet done through batches_due.
CREATE INDEX IF NOT EXISTS outbox_unbatched ON outbox (status, batch);
CREATE INDEX IF NOT EXISTS outbox_batch ON outbox (batch);
CREATE TABLE IF NOT EXISTS batches (control INTEGER PRIMARY KEY, issuer_id TEXT NOT NULL, created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS batches_due ON batches (control) WHERE done = 0;
CREATE TABLE IF NOT EXISTS injected (fault TEXT PRIMARY KEY, count INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS enrollments_by_account ON enrollments (account_id);
`;

/** What the dispatcher reads every tick, through SCHEMA's indexes: exported so a test can check the plans. */
export const TICK_QUERIES = {
  pendingOutbox: "SELECT COUNT(*) AS pending, MIN(confirmed_at) AS oldest FROM outbox WHERE status = 'pending'",
  dueBatches: 'SELECT control, issuer_id, created_at, attempts FROM batches WHERE done = 0 AND next_attempt_at <= ? ORDER BY control',
} as const;

export interface ExchangeStoreOptions {
  groupCommit?: Partial<GroupCommitOptions>;
}

/** Counts group commits into the exchange's metrics. */
export function commitsInto(metrics: { storeCommits: { inc(): void }; storeCommitWrites: { inc(n: number): void } }): (writes: number) => void {
  return (writes) => {
    metrics.storeCommits.inc();
    metrics.storeCommitWrites.inc(writes);
  };
}

export function openExchangeStore(dataDir: string, options: ExchangeStoreOptions = {}) {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'exchange.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a confirmation the consumer saw survives a kill -9 or power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insertAccount = db.prepare('INSERT INTO accounts (id, email, password) VALUES (?, ?, ?) ON CONFLICT (email) DO NOTHING');
  const selectAccountByEmail = db.prepare<[string], { id: string; password: string }>('SELECT id, password FROM accounts WHERE email = ?');
  const selectEnrollmentsOfAccount = db.prepare<[string], { body: string }>('SELECT body FROM enrollments WHERE account_id = ? ORDER BY rowid');
  const updateApplication = db.prepare('UPDATE applications SET plan_year = ?, household = ? WHERE id = ? AND account_id = ?');
  const insertApplication = db.prepare('INSERT INTO applications (id, account_id, plan_year, household) VALUES (?, ?, ?, ?)');
  const selectApplication = db.prepare<[string], { id: string; account_id: string; plan_year: number; household: string }>(
    'SELECT id, account_id, plan_year, household FROM applications WHERE id = ?',
  );
  const insertEnrollment = db.prepare('INSERT INTO enrollments (confirmation, application_id, account_id, body) VALUES (?, ?, ?, ?)');
  const insertOutbox = db.prepare('INSERT INTO outbox (confirmation, copy, issuer_id, confirmed_at) VALUES (?, ?, ?, ?)');
  const selectEnrollmentByApplication = db.prepare<[string], { body: string }>('SELECT body FROM enrollments WHERE application_id = ?');
  const selectEnrollment = db.prepare<[string], { body: string; account_id: string }>('SELECT body, account_id FROM enrollments WHERE confirmation = ?');

  // Write transactions run IMMEDIATE (the write lock taken at BEGIN), so exchange workers sharing this file (cluster.ts)
  // wait for each other through busy_timeout rather than fail when a read lock cannot be upgraded.
  // Outside a transaction BEGIN … COMMIT; inside one (a group-commit batch), SAVEPOINT … RELEASE.
  const inTransaction = db.transaction((work: () => unknown): unknown => work());
  // A group-commit batch commits with synchronous = NORMAL (the WAL written, not yet synced), then fdatasync of the WAL
  // runs on libuv's thread pool before anyone is answered: as durable as FULL's fsync at commit, without stopping the
  // event loop while the disk works. Every other transaction (the dispatcher's seals and settlements) stays FULL, and
  // its fsync covers whatever was committed before it — so no enrollment is sealed into an 834 before it is on disk.
  const walFile = join(dataDir, 'exchange.sqlite-wal');
  let walFd: number | undefined;
  let syncing = 0;
  let closed = false;
  const releaseWal = (): void => {
    if (walFd !== undefined) closeSync(walFd);
    walFd = undefined;
  };
  const syncWal = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // Closing synced the WAL already, after the last commit there can be.
      if (closed) return resolve();
      walFd ??= openSync(walFile, 'r');
      syncing += 1;
      fdatasync(walFd, (error) => {
        syncing -= 1;
        if (closed && syncing === 0) releaseWal();
        if (error) reject(error);
        else resolve();
      });
    });
  const groupCommit = createGroupCommit(
    {
      batch: (body) => {
        db.pragma('synchronous = NORMAL');
        try {
          inTransaction.immediate(body);
        } finally {
          db.pragma('synchronous = FULL');
        }
      },
      savepoint: <T>(write: () => T) => inTransaction(write) as T,
      sync: syncWal,
    },
    options.groupCommit,
  );
  /** Runs in a group-commit batch: the earlier enrollment of this application (a retry, or a twin in the same batch), else this one stored with its outbox row(s). */
  const confirm = (enrollment: Enrollment, applicationId: string, accountId: string, copies: number, injected: Record<string, number>): Enrollment => {
    const existing = selectEnrollmentByApplication.get(applicationId);
    if (existing) return JSON.parse(existing.body) as Enrollment;
    insertEnrollment.run(enrollment.confirmationNumber, applicationId, accountId, JSON.stringify(enrollment));
    for (let copy = 0; copy < copies; copy += 1) insertOutbox.run(enrollment.confirmationNumber, copy, enrollment.issuerId, enrollment.submittedAt);
    addInjected(injected);
    return enrollment;
  };

  const unbatched = db.prepare<
    [number],
    { confirmation: string; copy: number; issuer_id: string; confirmed_at: string; original_status: string | null; members: number }
  >(
    `SELECT o.confirmation, o.copy, o.issuer_id, o.confirmed_at, first.status AS original_status,
            json_array_length(e.body, '$.members') AS members
     FROM outbox o JOIN enrollments e ON e.confirmation = o.confirmation
     LEFT JOIN outbox first ON o.copy = 1 AND first.confirmation = o.confirmation AND first.copy = 0
     WHERE o.status = 'pending' AND o.batch IS NULL ORDER BY o.rowid LIMIT ?`,
  );
  const pendingOriginals = db.prepare<[], { confirmation: string; confirmed_at: string }>(
    "SELECT confirmation, confirmed_at FROM outbox WHERE status = 'pending' AND copy = 0 ORDER BY rowid",
  );
  const nextControl = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(control), 0) + 1 AS next FROM batches');
  const insertBatch = db.prepare('INSERT INTO batches (control, issuer_id, created_at) VALUES (?, ?, ?)');
  const assignBatch = db.prepare('UPDATE outbox SET batch = ? WHERE confirmation = ? AND copy = ?');
  const markDropped = db.prepare("UPDATE outbox SET status = 'dropped' WHERE confirmation = ? AND copy = ?");
  const countInjected = db.prepare('INSERT INTO injected (fault, count) VALUES (?, ?) ON CONFLICT (fault) DO UPDATE SET count = count + excluded.count');
  const injectedCounts = db.prepare<[], { fault: string; count: number }>('SELECT fault, count FROM injected ORDER BY fault');

  const addInjected = (counts: Record<string, number>): void => {
    for (const [fault, n] of Object.entries(counts)) if (n > 0) countInjected.run(fault, n);
  };

  /** Seals rows into one numbered batch addressed to an issuer, so a retry re-sends the same interchange with the same control number. */
  const sealBatch = db.transaction((addressedTo: string, rows: OutboxKey[], now: string, injected: Record<string, number>) => {
    const control = nextControl.get()!.next;
    insertBatch.run(control, addressedTo, now);
    for (const row of rows) assignBatch.run(control, row.confirmation, row.copy);
    addInjected(injected);
    return control;
  });
  const drop = db.transaction((row: OutboxKey, fault: string) => {
    markDropped.run(row.confirmation, row.copy);
    addInjected({ [fault]: 1 });
  });

  const dueBatches = db.prepare<[number], { control: number; issuer_id: string; created_at: string; attempts: number }>(TICK_QUERIES.dueBatches);
  const batchEnrollments = db.prepare<[number], { body: string; copy: number }>(
    'SELECT e.body, o.copy FROM outbox o JOIN enrollments e ON e.confirmation = o.confirmation WHERE o.batch = ? ORDER BY o.rowid',
  );
  const markAttempt = db.prepare('UPDATE batches SET attempts = attempts + 1, next_attempt_at = ? WHERE control = ?');
  const markBatchDone = db.prepare('UPDATE batches SET done = 1 WHERE control = ?');
  const markOutcome = db.prepare('UPDATE outbox SET status = ?, reason = ? WHERE confirmation = ? AND batch = ?');
  const settle = db.transaction((control: number, outcomes: { confirmation: string; accepted: boolean; reason?: string }[]) => {
    for (const o of outcomes) markOutcome.run(o.accepted ? 'delivered' : 'rejected', o.reason ?? null, o.confirmation, control);
    markBatchDone.run(control);
  });
  const pendingOutbox = db.prepare<[], { pending: number; oldest: string | null }>(TICK_QUERIES.pendingOutbox);
  const status = db.prepare<[], { pending: number; delivered: number; rejected: number; dropped: number; oldest: string | null }>(
    `SELECT SUM(status = 'pending') AS pending, SUM(status = 'delivered') AS delivered, SUM(status = 'rejected') AS rejected,
            SUM(status = 'dropped') AS dropped,
            MIN(CASE WHEN status = 'pending' THEN confirmed_at END) AS oldest FROM outbox`,
  );

  return {
    /** False when an account with this e-mail exists already; settles once durable. */
    createAccount(account: StoredAccount): Promise<boolean> {
      return groupCommit.run(() => insertAccount.run(account.id, account.email.toLowerCase(), account.passwordHash).changes === 1);
    },
    findAccountByEmail(email: string): StoredAccount | undefined {
      const row = selectAccountByEmail.get(email.toLowerCase());
      return row && { id: row.id, email: email.toLowerCase(), passwordHash: row.password };
    },
    enrollmentsOf(accountId: string): Enrollment[] {
      return selectEnrollmentsOfAccount.all(accountId).map((r) => JSON.parse(r.body) as Enrollment);
    },
    /** Settles once durable. */
    saveApplication(app: StoredApplication): Promise<void> {
      const household = JSON.stringify(app.household);
      return groupCommit.run(() => void insertApplication.run(app.id, app.accountId, app.planYear, household));
    },
    /** Settles once durable: false, changing nothing, when the application has enrolled by the time the update commits. */
    updateApplication(app: StoredApplication): Promise<boolean> {
      const household = JSON.stringify(app.household);
      return groupCommit.run(() => {
        if (selectEnrollmentByApplication.get(app.id)) return false;
        updateApplication.run(app.planYear, household, app.id, app.accountId);
        return true;
      });
    },
    findApplication(id: string): StoredApplication | undefined {
      const row = selectApplication.get(id);
      return row && { id: row.id, accountId: row.account_id, planYear: row.plan_year, household: JSON.parse(row.household) };
    },
    /**
     * Stores the enrollment and its outbox row(s) atomically, in a group commit; resolves once they are durable, with
     * the enrollment — or the earlier one if this application already enrolled (nothing is written then).
     * `copies` is 2 only under the backend.duplicate fault; `injected` counts faults decided at confirmation.
     */
    confirmEnrollment(
      enrollment: Enrollment,
      applicationId: string,
      accountId: string,
      copies = 1,
      injected: Record<string, number> = {},
    ): Promise<Enrollment> {
      const existing = selectEnrollmentByApplication.get(applicationId);
      if (existing) return Promise.resolve(JSON.parse(existing.body) as Enrollment);
      return groupCommit.run(() => confirm(enrollment, applicationId, accountId, copies, injected));
    },
    /** Runs `work` in one write transaction (one fsync); the store's own transactions inside it become savepoints. */
    atomically: <T>(work: () => T): T => inTransaction.immediate(work) as T,
    /** Batches committed so far, the writes they carried and the largest. */
    groupCommitStats: () => groupCommit.stats(),
    countInjected: (counts: Record<string, number>) => addInjected(counts),
    injectedCounts: (): Record<string, number> => Object.fromEntries(injectedCounts.all().map((r) => [r.fault, r.count])),
    findEnrollment(confirmation: string): { enrollment: Enrollment; accountId: string } | undefined {
      const row = selectEnrollment.get(confirmation);
      return row && { enrollment: JSON.parse(row.body) as Enrollment, accountId: row.account_id };
    },
    /** Pending rows not yet in a batch, oldest first; a duplicate copy says whether its original was delivered. */
    unbatched(limit: number): UnbatchedRow[] {
      return unbatched.all(limit).map((r) => ({
        confirmation: r.confirmation,
        copy: r.copy,
        issuerId: r.issuer_id,
        confirmedAt: r.confirmed_at,
        originalDelivered: r.copy === 0 || r.original_status === 'delivered',
        memberCount: r.members,
      }));
    },
    sealBatch: (addressedTo: string, rows: OutboxKey[], now: Date, injected: Record<string, number> = {}): number =>
      sealBatch.immediate(addressedTo, rows, now.toISOString(), injected),
    dropRow: (row: OutboxKey, fault: string) => drop.immediate(row, fault),
    dueBatches(nowMs: number): OutboxBatch[] {
      return dueBatches.all(nowMs).map((b) => {
        const rows = batchEnrollments.all(b.control);
        return {
          control: b.control,
          issuerId: b.issuer_id,
          createdAt: b.created_at,
          attempts: b.attempts,
          enrollments: rows.map((r) => JSON.parse(r.body) as Enrollment),
          copies: rows.map((r) => r.copy),
        };
      });
    },
    recordAttempt: (control: number, nextAttemptAtMs: number) => void markAttempt.run(nextAttemptAtMs, control),
    settleBatch: (control: number, outcomes: { confirmation: string; accepted: boolean; reason?: string }[]) => settle.immediate(control, outcomes),
    /** Enrollments whose 834 is still pending (the original copy), oldest first: what a cut-off leaves undelivered. */
    pendingEnrollments(): { confirmationNumber: string; confirmedAt: string }[] {
      return pendingOriginals.all().map((r) => ({ confirmationNumber: r.confirmation, confirmedAt: r.confirmed_at }));
    },
    /** The pending rows' count and the oldest's confirmation time, read through an index: the dispatcher's every tick. */
    pendingOutbox(): Pick<OutboxStatus, 'pending' | 'oldestPendingAt'> {
      const row = pendingOutbox.get()!;
      return { pending: row.pending, oldestPendingAt: row.oldest };
    },
    /** Every row's status: a scan of the whole outbox, for the admin endpoint and the drain, not for a loop. */
    outboxStatus(): OutboxStatus {
      const row = status.get()!;
      return { pending: row.pending ?? 0, delivered: row.delivered ?? 0, rejected: row.rejected ?? 0, dropped: row.dropped ?? 0, oldestPendingAt: row.oldest };
    },
    /** Commits what is queued, then closes (a WAL sync still running ends first; its callers are answered). */
    close: () => {
      groupCommit.flush();
      if (walFd !== undefined) fdatasyncSync(walFd);
      closed = true;
      if (syncing === 0) releaseWal();
      db.close();
    },
  };
}

export type ExchangeStore = ReturnType<typeof openExchangeStore>;
