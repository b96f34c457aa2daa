// Partitions on disk for a reconciliation too big to hold: each partition gathers lines in memory and appends them to
// its own file once a buffer fills, then gives them back in the order they were added. Small runs never touch disk.
// The lines are compact JSON arrays of only the fields reconciliation reads (never whole objects), so a partition
// read back is a fraction of the input's size.

import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Household, Member } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { enrolledMembers } from './compare.ts';
import type { Partition } from './reconcile.ts';

/** Characters buffered per partition before they are appended to its file. */
const FLUSH_CHARS = 128 * 1024;

export class PartitionFiles {
  readonly dir: string;
  readonly count: number;
  private readonly ownDir: boolean;
  private readonly buffers: string[];
  private readonly fds: (number | undefined)[];
  /** Characters written to disk, all partitions. */
  spilledChars = 0;

  constructor(count: number, dir?: string) {
    this.count = count;
    this.ownDir = dir === undefined;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'reconcile-'));
    this.buffers = new Array<string>(count).fill('');
    this.fds = new Array<number | undefined>(count).fill(undefined);
  }

  private file(partition: number): string {
    return join(this.dir, `partition-${partition}.jsonl`);
  }

  add(partition: number, line: string): void {
    const buffered = this.buffers[partition]! + line + '\n';
    if (buffered.length < FLUSH_CHARS) {
      this.buffers[partition] = buffered;
      return;
    }
    this.fds[partition] ??= openSync(this.file(partition), 'w');
    writeSync(this.fds[partition]!, buffered);
    this.spilledChars += buffered.length;
    this.buffers[partition] = '';
  }

  /** Writes every buffer out, so that each partition is whole on disk (for another thread to read); the files that exist. */
  flushAll(): (string | undefined)[] {
    return this.buffers.map((buffered, partition) => {
      if (buffered.length > 0) {
        this.fds[partition] ??= openSync(this.file(partition), 'w');
        writeSync(this.fds[partition]!, buffered);
        this.spilledChars += buffered.length;
        this.buffers[partition] = '';
      }
      const fd = this.fds[partition];
      if (fd === undefined) return undefined;
      closeSync(fd);
      this.fds[partition] = undefined;
      return this.file(partition);
    });
  }

  /** Every line of a partition in the order added; its buffer and file are let go. */
  take(partition: number): string[] {
    const fd = this.fds[partition];
    let text = this.buffers[partition]!;
    this.buffers[partition] = '';
    if (fd !== undefined) {
      closeSync(fd);
      this.fds[partition] = undefined;
      text = readFileSync(this.file(partition), 'utf8') + text;
      rmSync(this.file(partition), { force: true });
    }
    const lines = text.split('\n');
    lines.pop();
    return lines;
  }

  /** Closes every file and removes them (and the folder, when it made it). */
  dispose(): void {
    this.fds.forEach((fd, partition) => {
      if (fd !== undefined) closeSync(fd);
      rmSync(this.file(partition), { force: true });
    });
    this.fds.fill(undefined);
    if (this.ownDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

// The compact lines: a letter naming what the line holds, then only the fields reconciliation reads, separated by tabs
// (splitting on tabs is several times faster than JSON.parse). Strings travel as they are, numbers as String(n) (which
// reads back exactly), booleans as 1/0. An item with a field of another type, or a text holding a tab, newline,
// carriage return or backslash, goes as a JSON array instead (the letter in lower case): every value comes back as it went.

type Field = 's' | 'n' | 'b';
const HOUSEHOLD: readonly Field[] = ['s', 's', 's', 's', 'n'];
const MEMBER: readonly Field[] = ['s', 's', 's', 's', 's', 's'];
const LEDGER: readonly Field[] = ['n', 's', 's', 's', 'n', 'n', 'n', 's', 's'];
/** The insurer record's fields a record line carries after its sequence number, in order: both ways read this list. */
const RECORD_FIELDS = [
  ['confirmationNumber', 's'],
  ['receivedAt', 's'],
  ['receiverIssuerId', 's'],
  ['senderId', 's'],
  ['interchangeControl', 'n'],
  ['transactionControl', 's'],
  ['memberId', 's'],
  ['relationship', 's'],
  ['subscriber', 'b'],
  ['firstName', 's'],
  ['lastName', 's'],
  ['dob', 's'],
  ['sex', 's'],
  ['ssn', 's'],
  ['planId', 's'],
  ['effectiveDate', 's'],
  ['ratingArea', 's'],
  ['premiumTotal', 'n'],
  ['aptc', 'n'],
  ['otherPayment', 'n'],
  ['owed', 'n'],
  ['zip', 's'],
  ['countyFips', 's'],
] as const satisfies readonly (readonly [keyof InsurerRecord, Field])[];
const RECORD: readonly Field[] = ['n', ...RECORD_FIELDS.map(([, type]) => type)];
// A record line's values and the record read back, compiled once from RECORD_FIELDS into plain literals: as fast as
// literals written by hand, from the one list. (Built field by field in a loop, a million records took about 40 % more
// CPU to reconcile: `bench reconcile`.) The names are RECORD_FIELDS' own, checked against InsurerRecord.
const recordValues = new Function('seq', 'r', `return [seq, ${RECORD_FIELDS.map(([name]) => `r.${name}`).join(', ')}];`) as (
  seq: number,
  r: InsurerRecord,
) => unknown[];
const recordFromValues = new Function('v', `return { ${RECORD_FIELDS.map(([name], i) => `${name}: v[${i + 1}]`).join(', ')} };`) as (
  values: unknown[],
) => InsurerRecord;
/** In a joined line: what would break it apart or be read otherwise (tabs are counted instead). */
const AWKWARD = /[\n\r\\]/;

/** Whether the values have the types of their line (texts are checked once joined). */
function typed(values: readonly unknown[], types: readonly Field[], from = 0, count = types.length): boolean {
  for (let i = 0; i < count; i++) {
    const v = values[from + i];
    const type = types[i]!;
    if (type === 's' ? typeof v !== 'string' : type === 'n' ? typeof v !== 'number' || !Number.isFinite(v) : typeof v !== 'boolean') return false;
  }
  return true;
}

function tabsIn(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\t'); at !== -1; at = text.indexOf('\t', at + 1)) n++;
  return n;
}

function line(letter: string, values: unknown[], typesFit: boolean): string {
  if (typesFit) {
    const text = values.map((v) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v))).join('\t');
    if (!AWKWARD.test(text) && tabsIn(text) === values.length - 1) return `${letter}\t${text}`;
  }
  return `${letter.toLowerCase()}${JSON.stringify(values)}`;
}

/** The values of a line, in order: numbers and booleans typed by `types` (a tab line) or as JSON gave them. */
function valuesOf(text: string, types: readonly Field[] | undefined): unknown[] {
  if (text.charCodeAt(1) !== 9) return JSON.parse(text.slice(1)) as unknown[];
  const parts: unknown[] = text.split('\t');
  parts.shift();
  if (types) for (let i = 0; i < types.length; i++) if (types[i] !== 's') parts[i] = types[i] === 'n' ? Number(parts[i]) : parts[i] === '1';
  return parts;
}

/** A household as reconciliation reads it: where it lives, the credit the oracle expects, and the members who enroll. */
export function householdLine(h: Household): string {
  const values: unknown[] = [h.id, h.ratingArea, h.countyFips, h.zip, h.expected.aptc];
  for (const m of enrolledMembers(h)) values.push(m.firstName, m.lastName, m.dob, m.sex, m.relationship, m.ssn);
  let fit = typed(values, HOUSEHOLD);
  for (let at = HOUSEHOLD.length; fit && at < values.length; at += MEMBER.length) fit = typed(values, MEMBER, at);
  return line('H', values, fit);
}

export function ledgerLine(seq: number, e: LedgerEntry): string {
  const values = [seq, e.householdId, e.confirmationNumber, e.planId, e.premium, e.aptc, e.owed, e.effectiveDate, e.confirmedAt];
  return line('L', values, typed(values, LEDGER));
}

export function recordLine(seq: number, r: InsurerRecord): string {
  const values = recordValues(seq, r);
  return line('R', values, typed(values, RECORD));
}

export type LineKind = 'household' | 'ledger' | 'record';

export function kindOf(text: string): LineKind {
  const letter = text.charCodeAt(0) | 0x20; // either case
  return letter === 104 /* h */ ? 'household' : letter === 108 /* l */ ? 'ledger' : 'record';
}

/** Only the fields compare.ts reads: the members who enroll (no Medicaid flags, so all of them count). */
export function householdOf(text: string): Household {
  const row = valuesOf(text, HOUSEHOLD);
  const members: Member[] = [];
  for (let at = HOUSEHOLD.length; at < row.length; at += MEMBER.length) {
    const [firstName, lastName, dob, sex, relationship, ssn] = row.slice(at, at + MEMBER.length) as [
      string,
      string,
      string,
      Member['sex'],
      Member['relationship'],
      string,
    ];
    members.push({ firstName, lastName, dob, sex, relationship, ssn } as Member);
  }
  const [id, ratingArea, countyFips, zip, aptc] = row as [string, string, string, string, number];
  return { id, ratingArea, countyFips, zip, expected: { aptc }, members } as unknown as Household;
}

export function ledgerOf(text: string): { seq: number; entry: LedgerEntry } {
  const [seq, householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt] = valuesOf(text, LEDGER) as [
    number,
    string,
    string,
    string,
    number,
    number,
    number,
    string,
    string,
  ];
  return { seq, entry: { householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt } };
}

export function recordOf(text: string): { seq: number; record: InsurerRecord } {
  const values = valuesOf(text, RECORD);
  return { seq: values[0] as number, record: recordFromValues(values) };
}

/** A partition's lines (in the order added) as the enrollments reconcilePartition takes. */
export function readPartition(lines: readonly string[]): Partition {
  const part: Partition = { households: new Map(), ledger: [], received: new Map() };
  for (const text of lines) {
    const kind = kindOf(text);
    if (kind === 'household') {
      const h = householdOf(text);
      part.households.set(h.id, h);
    } else if (kind === 'ledger') {
      part.ledger.push(ledgerOf(text));
    } else {
      const { seq, record } = recordOf(text);
      const enrollment = part.received.get(record.confirmationNumber);
      if (enrollment) enrollment.records.push(record);
      else part.received.set(record.confirmationNumber, { seq, records: [record] });
    }
  }
  return part;
}

/** The lines of a partition file written by flushAll. */
export function linesOf(file: string): string[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop();
  return lines;
}
