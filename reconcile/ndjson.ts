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

/** Every non-empty line as JSON, one at a time, with the listed fields' types checked: memory does not grow with the file. */
export async function* streamNdjson<T>(file: string, shape: Shape, what: string): AsyncGenerator<T> {
  requireRunFile(file, what);
  const fields = Object.entries(shape);
  let lineNumber = 0;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new UsageError(
        `${file}:${lineNumber}`,
        `one JSON ${what} per line`,
        `The line is not JSON (${(error as Error).message}); the file may be truncated — re-run, or remove the line.`,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UsageError(`${file}:${lineNumber}`, `a JSON object (${what})`, 'Each line must hold one object.');
    }
    for (const [field, type] of fields) {
      const actual = (value as Record<string, unknown>)[field];
      if (typeof actual !== type || actual === null) {
        throw new UsageError(
          `${file}:${lineNumber}`,
          `${what} field "${field}" to be a ${type}, got ${actual === null ? 'null' : typeof actual}`,
          'The file was not written by this version of the harness, or was edited.',
        );
      }
    }
    yield value as T;
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

export const streamHouseholds = (file: string): AsyncGenerator<Household> => streamNdjson<Household>(file, HOUSEHOLD_SHAPE, 'household');
export const streamLedger = (file: string): AsyncGenerator<LedgerEntry> => streamNdjson<LedgerEntry>(file, LEDGER_SHAPE, 'ledger entry');
export const streamInsurerRecords = (file: string): AsyncGenerator<InsurerRecord> => streamNdjson<InsurerRecord>(file, RECORD_SHAPE, 'insurer record');

export const readHouseholds = (file: string): Promise<Household[]> => readNdjson<Household>(file, HOUSEHOLD_SHAPE, 'household');
export const readLedger = (file: string): Promise<LedgerEntry[]> => readNdjson<LedgerEntry>(file, LEDGER_SHAPE, 'ledger entry');
export const readInsurerRecords = (file: string): Promise<InsurerRecord[]> => readNdjson<InsurerRecord>(file, RECORD_SHAPE, 'insurer record');
