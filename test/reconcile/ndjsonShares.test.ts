// Reading an NDJSON file in shares by byte range: the shares in turn give what the whole file read line by line gives,
// whatever the line endings, and a bad line in any share is named by its line number in the whole file.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { household, ledgerEntry } from '../../bench/fixtures/reconcileRecords.ts';
import { readHouseholds, readLedger } from '../../reconcile/ndjson.ts';
import { householdShare, ledgerShare } from '../../reconcile/ndjsonShares.ts';
import { UsageError } from '../../vocabulary/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'ndjson-shares-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inShares = <T>(read: (args: { file: string }, share: number, shares: number) => Iterable<T>, file: string, shares: number): T[] =>
  Array.from({ length: shares }, (_, share) => [...read({ file }, share, shares)]).flat();

/** The error reading every share in turn meets first. */
function firstError(file: string, shares: number): unknown {
  try {
    inShares(ledgerShare, file, shares);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('ledgerShare and householdShare', () => {
  const entries = Array.from({ length: 300 }, (_, i) => ledgerEntry(i));

  it.each([
    ['"\\n", a blank line and no newline at the end', (lines: string[]) => `${lines.slice(0, 100).join('\n')}\n\n${lines.slice(100).join('\n')}`],
    ['"\\r\\n"', (lines: string[]) => `${lines.join('\r\n')}\r\n`],
    ['a lone "\\r" here and there', (lines: string[]) => lines.map((l, i) => (i % 7 === 3 ? `${l}\r` : `${l}\n`)).join('')],
  ])('give in shares the items the whole file gives, lines ended by %s', async (_, join_) => {
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, join_(entries.map((e) => JSON.stringify(e))));
    const whole = await readLedger(file);
    expect(whole).toEqual(entries);
    for (const shares of [1, 2, 3, 7, 64, 1000]) expect(inShares(ledgerShare, file, shares), `${shares} shares`).toEqual(whole);
  });

  it('reads a line longer than its buffer (a household of 3 MiB)', async () => {
    const file = join(dir, 'applicants.ndjson');
    const big = { ...household(2), street: 'x'.repeat(3 * 1024 * 1024) };
    writeFileSync(file, [household(1), big, household(3)].map((h) => JSON.stringify(h)).join('\n'));
    const whole = await readHouseholds(file);
    expect(whole[1]!.street.length).toBe(3 * 1024 * 1024);
    for (const shares of [1, 2, 5]) expect(inShares(householdShare, file, shares)).toEqual(whole);
  });

  it('names the line of a bad line in the middle of a big file by its number in the whole file, as the line reader does', async () => {
    const file = join(dir, 'ledger.ndjson');
    // 40,000 lines (about 8 MiB), some ended "\r\n" and some by a lone "\r": line 31,457 is cut short.
    const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify(ledgerEntry(i)));
    lines[31_456] = lines[31_456]!.slice(0, 50);
    writeFileSync(file, lines.map((l, i) => `${l}${i % 1000 === 1 ? '\r\n' : i % 1000 === 2 ? '\r' : '\n'}`).join(''));
    await expect(readLedger(file)).rejects.toThrow(`${file}:31457: expected one JSON ledger entry per line`);
    const expected = ((await readLedger(file).catch((e: unknown) => e)) as Error).message;
    for (const shares of [1, 2, 4, 9]) {
      const error = firstError(file, shares);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message, `${shares} shares`).toBe(expected);
    }
    // The share that holds it, read alone, names the same line.
    expect(() => [...ledgerShare({ file }, 3, 4)]).toThrow(`${file}:31457:`);
  });

  it('names a field of the wrong type with its line, in a later share', () => {
    const file = join(dir, 'ledger.ndjson');
    const lines = entries.map((e, i) => JSON.stringify(i === 280 ? { ...e, aptc: '700' } : e));
    writeFileSync(file, lines.join('\n'));
    expect(() => [...ledgerShare({ file }, 5, 6)]).toThrow(`${file}:281: expected ledger entry field "aptc" to be a number, got string`);
  });
});
