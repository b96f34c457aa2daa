// Reading a run folder: NDJSON errors name the file and line; a clean folder reconciles to zero and is written out.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLedger } from '../../reconcile/ndjson.ts';
import { reconcileRunFolder } from '../../reconcile/runFolder.ts';
import { parseDeadline } from '../../scripts/commands/reconcile.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { household, ledgerEntry, receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const ndjson = (items: unknown[]): string => items.map((i) => JSON.stringify(i)).join('\n') + '\n';

describe('reconcileRunFolder', () => {
  it('reconciles a clean run folder to zero and writes reconciliation.json with injected', async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    writeFileSync(join(dir, 'applicants.ndjson'), ndjson([household(1), household(2)]));
    writeFileSync(join(dir, 'ledger.ndjson'), ndjson([ledgerEntry(1), ledgerEntry(2)]));
    writeFileSync(join(dir, 'insurer-records.ndjson'), ndjson([...receivedRecords(1), ...receivedRecords(2)]));
    writeFileSync(join(dir, 'injected.json'), '{"backend.drop":0}');
    const result = await reconcileRunFolder(dir, 30_000);
    expect(result.enrollments.intact).toBe(2);
    const written = JSON.parse(readFileSync(join(dir, 'reconciliation.json'), 'utf8'));
    expect(written.enrollments).toEqual({ intended: 2, confirmed: 2, received: 2, intact: 2 });
    expect(written.injected).toEqual({ 'backend.drop': 0 });
    expect(written).not.toHaveProperty('intact');
  });

  it('names a missing file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    await expect(reconcileRunFolder(dir, 30_000)).rejects.toThrow(/applicants\.ndjson: expected the household file/);
  });
});

describe('readLedger', () => {
  it('names the file and line of a malformed line', async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, `${JSON.stringify(ledgerEntry(1))}\n\n{"confirmationNumber": "CNF-2", trunc`);
    await expect(readLedger(file)).rejects.toThrow(UsageError);
    await expect(readLedger(file)).rejects.toThrow(`${file}:3`);
  });

  it('names a field of the wrong type', async () => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, JSON.stringify({ ...ledgerEntry(1), aptc: '700' }));
    await expect(readLedger(file)).rejects.toThrow(/:1: expected ledger entry field "aptc" to be a number, got string/);
  });
});

describe('parseDeadline', () => {
  it('reads durations and rejects anything else', () => {
    expect(parseDeadline('30s')).toBe(30_000);
    expect(parseDeadline('500ms')).toBe(500);
    expect(parseDeadline('2m')).toBe(120_000);
    expect(() => parseDeadline('soon')).toThrow(/--deadline soon: expected a duration/);
  });
});
