// The engine journeys' ledger: each confirmation on disk the moment record() returns, one NDJSON line of exactly
// LedgerEntry's fields, appended to what the file holds; and the join of a folder's segment ledgers — in segment
// order, a torn last line set aside and named, a damaged line or segments of two runs refused.

import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../domain/ledger.ts';
import { readLedger } from '../../../reconcile/ndjson.ts';
import type { Confirmation } from '../../../scenarios/consumers/exchangeClient.ts';
import { concatenateLedgers, openLedger, segmentLedgerFile } from '../../../scenarios/consumers/ledger.ts';

const confirmation = (n: number): Confirmation => ({
  confirmationNumber: `EN${String(n).padStart(10, '2')}`,
  effectiveDate: '2026-01-01',
  planId: '12345VA0010001-04',
  issuerId: '12345',
  metal: 'silver',
  premium: 400 + n,
  aptc: 350,
  owed: 50 + n,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openLedger', () => {
  it('has each entry on disk when record returns, the LedgerEntry fields only (no issuer, no metal), after what the file held', () => {
    const file = segmentLedgerFile(join(dir, 'new-folder'), { index: 1, of: 4 });
    expect(file).toBe(join(dir, 'new-folder', 'ledger.1-of-4.ndjson'));
    mkdirSync(join(dir, 'new-folder'));
    writeFileSync(file, '{"kept":"from before"}\n');
    const ledger = openLedger(file);
    const at = new Date('2026-11-01T12:00:00.000Z');
    const entry = ledger.record('H1-0000001', confirmation(1), at);
    const expected: LedgerEntry = {
      householdId: 'H1-0000001',
      confirmationNumber: 'EN2222222221',
      planId: '12345VA0010001-04',
      premium: 401,
      aptc: 350,
      owed: 51,
      effectiveDate: '2026-01-01',
      confirmedAt: '2026-11-01T12:00:00.000Z',
    };
    expect(entry).toEqual(expected);
    // Read back before anything is closed or flushed: the write was synchronous.
    expect(readFileSync(file, 'utf8').split('\n')).toEqual(['{"kept":"from before"}', JSON.stringify(expected), '']);
    ledger.record('H1-0000002', confirmation(2));
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(4);
    ledger.close();
    expect(() => ledger.record('H1-0000003', confirmation(3))).toThrow(/closed/);
  });

  it('creates its folder, and names the file when it cannot be written', () => {
    mkdirSync(join(dir, 'ledger.0-of-1.ndjson'));
    expect(() => openLedger(join(dir, 'ledger.0-of-1.ndjson'))).toThrow(
      /ledger file .*ledger\.0-of-1\.ndjson: expected a file the harness may create and append to\. Check that ledgerDir is a writable folder \(EISDIR\)/,
    );
  });
});

describe('concatenateLedgers', () => {
  function writeSegment(index: number, of: number, entries: number[]): string {
    const ledger = openLedger(segmentLedgerFile(dir, { index, of }));
    for (const n of entries) ledger.record(`H1-${n}`, confirmation(n));
    ledger.close();
    return segmentLedgerFile(dir, { index, of });
  }

  it('joins the segment ledgers in segment order (10 after 2), ignoring other files, into one file readLedger reads', async () => {
    const files = [
      writeSegment(10, 12, [10]),
      writeSegment(2, 12, [2, 14]),
      ...Array.from({ length: 10 }, (_, i) => i)
        .filter((i) => i !== 2)
        .map((i) => writeSegment(i, 12, [i])),
    ];
    writeSegment(11, 12, []);
    writeFileSync(join(dir, 'ledger.ndjson'), 'not a segment\n');
    writeFileSync(join(dir, 'notes.txt'), 'not a segment\n');
    const out = join(dir, 'joined.ndjson');
    const joined = await concatenateLedgers(dir, out);
    expect(joined.entries).toBe(12);
    expect(joined.torn).toEqual([]);
    expect(joined.files).toEqual(Array.from({ length: 12 }, (_, i) => segmentLedgerFile(dir, { index: i, of: 12 })));
    expect(files).toHaveLength(11);
    expect((await readLedger(out)).map((e) => e.householdId)).toEqual([
      'H1-0',
      'H1-1',
      'H1-2',
      'H1-14',
      'H1-3',
      'H1-4',
      'H1-5',
      'H1-6',
      'H1-7',
      'H1-8',
      'H1-9',
      'H1-10',
    ]);
  });

  it('sets aside a last line cut short by a crash mid-write, and names it; keeps a last line that only lacks its newline', async () => {
    const torn = writeSegment(0, 2, [1, 2]);
    appendFileSync(torn, '{"householdId":"H1-3","confirmationNu');
    const whole = writeSegment(1, 2, [4]);
    appendFileSync(
      whole,
      JSON.stringify({
        householdId: 'H1-5',
        confirmationNumber: 'EN5',
        planId: 'p',
        premium: 1,
        aptc: 0,
        owed: 1,
        effectiveDate: '2026-01-01',
        confirmedAt: '2026-11-01T00:00:00.000Z',
      }),
    );
    const out = join(dir, 'joined.ndjson');
    const joined = await concatenateLedgers(dir, out);
    expect(joined.entries).toBe(4);
    expect(joined.torn).toEqual([`${torn}: 37 bytes`]);
    expect((await readLedger(out)).map((e) => e.householdId)).toEqual(['H1-1', 'H1-2', 'H1-4', 'H1-5']);
  });

  it('refuses a damaged line in the middle of a file, naming the file and line', async () => {
    const file = writeSegment(0, 1, [1]);
    appendFileSync(file, 'garbage\n');
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ householdId: 'H1-2' })}\n`);
    await expect(concatenateLedgers(dir, join(dir, 'joined.ndjson'))).rejects.toThrow(`${file}:2: expected one JSON ledger entry per line`);
    expect(existsSync(join(dir, 'joined.ndjson'))).toBe(false);
  });

  it('refuses segments of two runs (0 of 2 and 0 of 4 share journeys), but takes disjoint ones of different splits (0 of 2, 1 of 4, 3 of 4)', async () => {
    writeSegment(0, 2, [0]);
    writeSegment(1, 4, [1]);
    writeSegment(3, 4, [3]);
    expect((await concatenateLedgers(dir, join(dir, 'joined.ndjson'))).entries).toBe(3);
    writeSegment(0, 4, [4]);
    await expect(concatenateLedgers(dir, join(dir, 'joined.ndjson'))).rejects.toThrow(
      /ledger\.0-of-2\.ndjson and ledger\.0-of-4\.ndjson cover the same journeys, so one is from another run: give each run its own ledgerDir/,
    );
  });

  it('names a folder with no segment ledgers, or none at all', async () => {
    await expect(concatenateLedgers(dir, join(dir, 'joined.ndjson'))).rejects.toThrow(
      /expected ledger\.<i>-of-<n>\.ndjson files written by the consumer journeys/,
    );
    await expect(concatenateLedgers(join(dir, 'missing'), join(dir, 'joined.ndjson'))).rejects.toThrow(
      /ledger folder .*missing: expected the folder the journeys wrote their ledgers to \(ledgerDir\)\. Check the path \(ENOENT\)/,
    );
  });
});
