// The exchange's durable store (SQLite in WAL mode): applications, confirmed enrollments and the 834 outbox.
// A confirmation and its outbox row are written in one transaction before the consumer is answered.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Enrollment } from '../../domain/enrollment.ts';

export interface StoredApplication {
  id: string;
  accountId: string;
  planYear: number;
  household: unknown;
}

export interface OutboxBatch {
  control: number;
  issuerId: string;
  createdAt: string;
  enrollments: Enrollment[];
  attempts: number;
}

export interface OutboxStatus {
  pending: number;
  delivered: number;
  rejected: number;
  oldestPendingAt: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, plan_year INTEGER NOT NULL, household TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS enrollments (confirmation TEXT PRIMARY KEY, application_id TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (confirmation TEXT PRIMARY KEY, issuer_id TEXT NOT NULL, confirmed_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', batch INTEGER, reason TEXT);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (status, batch);
CREATE TABLE IF NOT EXISTS batches (control INTEGER PRIMARY KEY, issuer_id TEXT NOT NULL, created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0);
`;

export function openExchangeStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'exchange.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a confirmation the consumer saw survives a kill -9 or power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const insertApplication = db.prepare('INSERT INTO applications (id, account_id, plan_year, household) VALUES (?, ?, ?, ?)');
  const selectApplication = db.prepare<[string], { id: string; account_id: string; plan_year: number; household: string }>(
    'SELECT id, account_id, plan_year, household FROM applications WHERE id = ?',
  );
  const insertEnrollment = db.prepare('INSERT INTO enrollments (confirmation, application_id, account_id, body) VALUES (?, ?, ?, ?)');
  const insertOutbox = db.prepare('INSERT INTO outbox (confirmation, issuer_id, confirmed_at) VALUES (?, ?, ?)');
  const selectEnrollmentByApplication = db.prepare<[string], { body: string }>('SELECT body FROM enrollments WHERE application_id = ?');
  const selectEnrollment = db.prepare<[string], { body: string; account_id: string }>('SELECT body, account_id FROM enrollments WHERE confirmation = ?');

  const confirm = db.transaction((enrollment: Enrollment, applicationId: string, accountId: string) => {
    insertEnrollment.run(enrollment.confirmationNumber, applicationId, accountId, JSON.stringify(enrollment));
    insertOutbox.run(enrollment.confirmationNumber, enrollment.issuerId, enrollment.submittedAt);
  });

  const unbatched = db.prepare<[string, number], { confirmation: string }>(
    "SELECT confirmation FROM outbox WHERE status = 'pending' AND batch IS NULL AND issuer_id = ? ORDER BY rowid LIMIT ?",
  );
  const pendingIssuers = db.prepare<[], { issuer_id: string }>("SELECT DISTINCT issuer_id FROM outbox WHERE status = 'pending' AND batch IS NULL");
  const nextControl = db.prepare<[], { next: number }>('SELECT COALESCE(MAX(control), 0) + 1 AS next FROM batches');
  const insertBatch = db.prepare('INSERT INTO batches (control, issuer_id, created_at) VALUES (?, ?, ?)');
  const assignBatch = db.prepare('UPDATE outbox SET batch = ? WHERE confirmation = ?');

  /** Seals pending rows into numbered batches, so a retry re-sends the same interchange with the same control number. */
  const sealBatches = db.transaction((batchSize: number, now: string) => {
    for (const { issuer_id } of pendingIssuers.all()) {
      for (;;) {
        const rows = unbatched.all(issuer_id, batchSize);
        if (rows.length === 0) break;
        const control = nextControl.get()!.next;
        insertBatch.run(control, issuer_id, now);
        for (const row of rows) assignBatch.run(control, row.confirmation);
      }
    }
  });

  const dueBatches = db.prepare<[number], { control: number; issuer_id: string; created_at: string; attempts: number }>(
    'SELECT control, issuer_id, created_at, attempts FROM batches WHERE done = 0 AND next_attempt_at <= ? ORDER BY control',
  );
  const batchEnrollments = db.prepare<[number], { body: string }>(
    'SELECT e.body FROM outbox o JOIN enrollments e ON e.confirmation = o.confirmation WHERE o.batch = ? ORDER BY o.rowid',
  );
  const markAttempt = db.prepare('UPDATE batches SET attempts = attempts + 1, next_attempt_at = ? WHERE control = ?');
  const markBatchDone = db.prepare('UPDATE batches SET done = 1 WHERE control = ?');
  const markOutcome = db.prepare('UPDATE outbox SET status = ?, reason = ? WHERE confirmation = ?');
  const settle = db.transaction((control: number, outcomes: { confirmation: string; accepted: boolean; reason?: string }[]) => {
    for (const o of outcomes) markOutcome.run(o.accepted ? 'delivered' : 'rejected', o.reason ?? null, o.confirmation);
    markBatchDone.run(control);
  });
  const status = db.prepare<[], { pending: number; delivered: number; rejected: number; oldest: string | null }>(
    `SELECT SUM(status = 'pending') AS pending, SUM(status = 'delivered') AS delivered, SUM(status = 'rejected') AS rejected,
            MIN(CASE WHEN status = 'pending' THEN confirmed_at END) AS oldest FROM outbox`,
  );

  return {
    saveApplication(app: StoredApplication): void {
      insertApplication.run(app.id, app.accountId, app.planYear, JSON.stringify(app.household));
    },
    findApplication(id: string): StoredApplication | undefined {
      const row = selectApplication.get(id);
      return row && { id: row.id, accountId: row.account_id, planYear: row.plan_year, household: JSON.parse(row.household) };
    },
    /** Stores the enrollment and its outbox row atomically; returns the earlier one if this application already enrolled. */
    confirmEnrollment(enrollment: Enrollment, applicationId: string, accountId: string): Enrollment {
      const existing = selectEnrollmentByApplication.get(applicationId);
      if (existing) return JSON.parse(existing.body) as Enrollment;
      confirm(enrollment, applicationId, accountId);
      return enrollment;
    },
    findEnrollment(confirmation: string): { enrollment: Enrollment; accountId: string } | undefined {
      const row = selectEnrollment.get(confirmation);
      return row && { enrollment: JSON.parse(row.body) as Enrollment, accountId: row.account_id };
    },
    sealBatches: (batchSize: number, now: Date) => sealBatches(batchSize, now.toISOString()),
    dueBatches(nowMs: number): OutboxBatch[] {
      return dueBatches.all(nowMs).map((b) => ({
        control: b.control,
        issuerId: b.issuer_id,
        createdAt: b.created_at,
        attempts: b.attempts,
        enrollments: batchEnrollments.all(b.control).map((r) => JSON.parse(r.body) as Enrollment),
      }));
    },
    recordAttempt: (control: number, nextAttemptAtMs: number) => void markAttempt.run(nextAttemptAtMs, control),
    settleBatch: (control: number, outcomes: { confirmation: string; accepted: boolean; reason?: string }[]) => settle(control, outcomes),
    outboxStatus(): OutboxStatus {
      const row = status.get()!;
      return { pending: row.pending ?? 0, delivered: row.delivered ?? 0, rejected: row.rejected ?? 0, oldestPendingAt: row.oldest };
    },
    close: () => db.close(),
  };
}

export type ExchangeStore = ReturnType<typeof openExchangeStore>;
