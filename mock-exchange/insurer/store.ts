// The insurer's durable member records: SQLite (WAL) in the data folder. Idempotent by interchange: a re-sent
// interchange (same sender + ISA13) adds nothing; the same enrollment in a NEW interchange is stored again, visibly.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Layout } from '../../domain/edi834/vocabulary.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';

export const INSURER_DB_FILE = 'insurer.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS interchanges (
  sender_id TEXT NOT NULL,
  control INTEGER NOT NULL,
  first_received_at TEXT NOT NULL,
  times_received INTEGER NOT NULL DEFAULT 1,
  layout TEXT,
  PRIMARY KEY (sender_id, control)
);
CREATE TABLE IF NOT EXISTS members (
  id INTEGER PRIMARY KEY,
  sender_id TEXT NOT NULL,
  interchange_control INTEGER NOT NULL,
  transaction_control TEXT NOT NULL,
  member_index INTEGER NOT NULL,
  confirmation_number TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (sender_id, interchange_control, transaction_control, member_index)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export interface StoreOutcome {
  /** Member records newly written. */
  stored: number;
  /** True when this sender + control number was seen before (a retry). */
  resent: boolean;
}

export interface InsurerStore {
  /** Records one received interchange (with its loop 2750 layout, when read) and its accepted members in one transaction. */
  saveInterchange(senderId: string, control: number, receivedAt: string, records: InsurerRecord[], layout?: Layout): StoreOutcome;
  /** The layout the first copy of an interchange was written in; undefined for one not stored or not read. */
  layoutOf(senderId: string, control: number): Layout | undefined;
  /** Next control number for the insurer's own 999/TA1 interchanges; survives restarts. */
  nextAckControl(): number;
  /** Runs `work` in one write transaction: the writes in it are committed together (one fsync), or none is. */
  atomically<T>(work: () => T): T;
  /** Member records with id greater than `afterId`, oldest first: pages for streaming without an open cursor. */
  page(afterId: number, limit: number): { id: number; body: string }[];
  count(): number;
  close(): void;
}

export function openInsurerStore(dataDir: string): InsurerStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, INSURER_DB_FILE));
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged interchange must survive a crash of the insurer, or reconciliation would blame the exchange.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // A data folder from before the layout was recorded gets the column (its earlier interchanges stay NULL: unknown).
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(interchanges)').all();
  if (!columns.some((c) => c.name === 'layout')) db.exec('ALTER TABLE interchanges ADD COLUMN layout TEXT');

  const seen = db.prepare<[string, number], { times_received: number }>('SELECT times_received FROM interchanges WHERE sender_id = ? AND control = ?');
  const firstSeen = db.prepare('INSERT INTO interchanges (sender_id, control, first_received_at, layout) VALUES (?, ?, ?, ?)');
  const layoutOf = db.prepare<[string, number], { layout: Layout | null }>('SELECT layout FROM interchanges WHERE sender_id = ? AND control = ?');
  const seenAgain = db.prepare('UPDATE interchanges SET times_received = times_received + 1 WHERE sender_id = ? AND control = ?');
  const insertMember = db.prepare(
    'INSERT OR IGNORE INTO members (sender_id, interchange_control, transaction_control, member_index, confirmation_number, body) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const bump = db.prepare<[string], { value: number }>(
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
  );
  const pageOf = db.prepare<[number, number], { id: number; body: string }>('SELECT id, body FROM members WHERE id > ? ORDER BY id LIMIT ?');
  const countAll = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM members');

  const save = db.transaction((senderId: string, control: number, receivedAt: string, records: InsurerRecord[], layout: Layout | undefined): StoreOutcome => {
    const resent = seen.get(senderId, control) !== undefined;
    if (resent) seenAgain.run(senderId, control);
    else firstSeen.run(senderId, control, receivedAt, layout ?? null);
    let stored = 0;
    // INSERT OR IGNORE on (sender, control, ST02, position): members stored by an earlier copy stay as they were.
    for (const r of records)
      stored += insertMember.run(senderId, control, r.transactionControl, r.memberIndex, r.confirmationNumber, JSON.stringify(r)).changes;
    return { stored, resent };
  });

  const inTransaction = db.transaction((work: () => unknown): unknown => work());

  return {
    atomically: <T>(work: () => T) => inTransaction.immediate(work) as T,
    saveInterchange: (senderId, control, receivedAt, records, layout) => save(senderId, control, receivedAt, records, layout),
    layoutOf: (senderId, control) => layoutOf.get(senderId, control)?.layout ?? undefined,
    nextAckControl: () => bump.get('ack_control')!.value % 1_000_000_000,
    page: (afterId, limit) => pageOf.all(afterId, limit),
    count: () => countAll.get()!.n,
    close: () => db.close(),
  };
}
