// Streaming NDJSON readers for the run folder's files. A bad line fails with the file and line number named,
// so a truncated or hand-edited file is found at once rather than reconciled wrongly.

import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../scripts/usageError.ts';
import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';

type Shape = Record<string, 'string' | 'number' | 'boolean' | 'object'>;

/** Reads every non-empty line as JSON and checks the listed fields' types; large files stream line by line. */
export async function readNdjson<T>(file: string, shape: Shape, what: string): Promise<T[]> {
  if (!existsSync(file)) throw new UsageError(file, `the ${what} file of the run`, 'Check --run points at a run folder written by `harness run`.');
  const out: T[] = [];
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
      throw new UsageError(`${file}:${lineNumber}`, `one JSON ${what} per line`, `The line is not JSON (${(error as Error).message}); the file may be truncated — re-run, or remove the line.`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new UsageError(`${file}:${lineNumber}`, `a JSON object (${what})`, 'Each line must hold one object.');
    }
    for (const [field, type] of fields) {
      const actual = (value as Record<string, unknown>)[field];
      if (typeof actual !== type || actual === null) {
        throw new UsageError(`${file}:${lineNumber}`, `${what} field "${field}" to be a ${type}, got ${actual === null ? 'null' : typeof actual}`, 'The file was not written by this version of the harness, or was edited.');
      }
    }
    out.push(value as T);
  }
  return out;
}

export const readHouseholds = (file: string): Promise<Household[]> =>
  readNdjson<Household>(file, { id: 'string', members: 'object', ratingArea: 'string', expected: 'object' }, 'household');

export const readLedger = (file: string): Promise<LedgerEntry[]> =>
  readNdjson<LedgerEntry>(file, { confirmationNumber: 'string', householdId: 'string', planId: 'string', aptc: 'number', premium: 'number', confirmedAt: 'string' }, 'ledger entry');

export const readInsurerRecords = (file: string): Promise<InsurerRecord[]> =>
  readNdjson<InsurerRecord>(
    file,
    { confirmationNumber: 'string', receiverIssuerId: 'string', interchangeControl: 'number', transactionControl: 'string', receivedAt: 'string', planId: 'string', premiumTotal: 'number', aptc: 'number' },
    'insurer record',
  );
