// Streaming NDJSON readers for the run folder's files. A bad line fails with the file and line number named,
// so a truncated or hand-edited file is found at once rather than reconciled wrongly.

import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../vocabulary/errors.ts';
import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';

type Shape = Record<string, 'string' | 'number' | 'boolean' | 'object'>;

/** A UsageError naming the file when it is missing. */
export function requireRunFile(file: string, what: string): void {
  if (!existsSync(file)) throw new UsageError(file, `the ${what} file of the run`, 'Check --run points at a run folder written by `harness run`.');
}

/** The fields a line must hold and their types, and what one line is called in errors. */
export interface NdjsonKind {
  fields: [string, Shape[string]][];
  what: string;
}

const kindOf = (shape: Shape, what: string): NdjsonKind => ({ fields: Object.entries(shape), what });

/**
 * One line as JSON with its fields' types checked (undefined: a blank line). `at` names the file and line, called only
 * for an error (so a reader of a byte range counts the lines before it only then).
 */
export function checkedLine(line: string, kind: NdjsonKind, at: () => string): unknown {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UsageError(
      at(),
      `one JSON ${kind.what} per line`,
      `The line is not JSON (${(error as Error).message}); the file may be truncated — re-run, or remove the line.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(at(), `a JSON object (${kind.what})`, 'Each line must hold one object.');
  }
  for (const [field, type] of kind.fields) {
    const actual = (value as Record<string, unknown>)[field];
    if (typeof actual !== type || actual === null) {
      throw new UsageError(
        at(),
        `${kind.what} field "${field}" to be a ${type}, got ${actual === null ? 'null' : typeof actual}`,
        'The file was not written by this version of the harness, or was edited.',
      );
    }
  }
  return value;
}

/** Every non-empty line as JSON, one at a time, with the listed fields' types checked: memory does not grow with the file. */
export async function* streamNdjson<T>(file: string, shape: Shape, what: string): AsyncGenerator<T> {
  requireRunFile(file, what);
  const kind = kindOf(shape, what);
  let lineNumber = 0;
  const at = (): string => `${file}:${lineNumber}`;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    const value = checkedLine(line, kind, at);
    if (value !== undefined) yield value as T;
  }
}

/** Reads every non-empty line as JSON and checks the listed fields' types, into memory (small files; large ones: streamNdjson). */
export async function readNdjson<T>(file: string, shape: Shape, what: string): Promise<T[]> {
  const out: T[] = [];
  for await (const value of streamNdjson<T>(file, shape, what)) out.push(value);
  return out;
}

const HOUSEHOLD_SHAPE: Shape = { id: 'string', members: 'object', ratingArea: 'string', expected: 'object' };
const LEDGER_SHAPE: Shape = { confirmationNumber: 'string', householdId: 'string', planId: 'string', aptc: 'number', premium: 'number', confirmedAt: 'string' };
const RECORD_SHAPE: Shape = {
  confirmationNumber: 'string',
  receiverIssuerId: 'string',
  interchangeControl: 'number',
  transactionControl: 'string',
  receivedAt: 'string',
  planId: 'string',
  premiumTotal: 'number',
  aptc: 'number',
};

/** The three files of a run folder as kinds of line. */
export const HOUSEHOLD_LINE = kindOf(HOUSEHOLD_SHAPE, 'household');
export const LEDGER_LINE = kindOf(LEDGER_SHAPE, 'ledger entry');
export const RECORD_LINE = kindOf(RECORD_SHAPE, 'insurer record');

export const streamHouseholds = (file: string): AsyncGenerator<Household> => streamNdjson<Household>(file, HOUSEHOLD_SHAPE, 'household');
export const streamLedger = (file: string): AsyncGenerator<LedgerEntry> => streamNdjson<LedgerEntry>(file, LEDGER_SHAPE, 'ledger entry');
export const streamInsurerRecords = (file: string): AsyncGenerator<InsurerRecord> => streamNdjson<InsurerRecord>(file, RECORD_SHAPE, 'insurer record');

export const readHouseholds = (file: string): Promise<Household[]> => readNdjson<Household>(file, HOUSEHOLD_SHAPE, 'household');
export const readLedger = (file: string): Promise<LedgerEntry[]> => readNdjson<LedgerEntry>(file, LEDGER_SHAPE, 'ledger entry');
export const readInsurerRecords = (file: string): Promise<InsurerRecord[]> => readNdjson<InsurerRecord>(file, RECORD_SHAPE, 'insurer record');
