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
import { faultyWorld } from '../../bench/fixtures/faultyWorld.ts';
import { reconcile } from '../../reconcile/reconcile.ts';

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

  /** The faulty world (every defect class) as a run folder, with the confirmations pending at the cut-off. */
  function faultyFolder(): ReturnType<typeof faultyWorld> {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    const world = faultyWorld(4_000, 4);
    writeFileSync(join(dir, 'applicants.ndjson'), ndjson(world.households));
    writeFileSync(join(dir, 'ledger.ndjson'), ndjson(world.ledger));
    writeFileSync(join(dir, 'insurer-records.ndjson'), ndjson(world.received));
    const pending = [...world.pending].map((confirmationNumber) => ({ confirmationNumber }));
    writeFileSync(join(dir, 'pending-at-cut-off.json'), JSON.stringify({ cutOffAt: '2025-11-01T12:01:00.000Z', waitedMs: 60_000, pending }));
    return world;
  }

  it('gives the same reconciliation with the files read in byte ranges by threads as in the main thread, and as in memory', async () => {
    const world = faultyFolder();
    const cutOff = { cutOffAt: '2025-11-01T12:01:00.000Z', waitedMs: 60_000, confirmations: world.pending };
    const inMemory = reconcile({ households: world.households, ledger: world.ledger, received: world.received, deadlineMs: 30_000, cutOff });
    for (const [defect, count] of Object.entries(inMemory.classes)) expect(count, defect).toBeGreaterThan(10);
    expect(inMemory.examples.length).toBeGreaterThan(50);
    const inMain = await reconcileRunFolder(dir, 30_000, { partitions: 3, workers: 1 });
    const inThreads = await reconcileRunFolder(dir, 30_000, { partitions: 16, workers: 2 });
    expect(JSON.stringify(inMain)).toBe(JSON.stringify(inMemory));
    expect(JSON.stringify(inThreads)).toBe(JSON.stringify(inMemory));
  });

  it('names the file and line of a bad line in a later byte range when threads read the files, as the main thread does', async () => {
    faultyFolder();
    const file = join(dir, 'insurer-records.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[6_999] = '{"confirmationNumber": "CNF-1", trunc';
    writeFileSync(file, lines.join('\n'));
    const message = `${file}:7000: expected one JSON insurer record per line`;
    await expect(reconcileRunFolder(dir, 30_000, { partitions: 3, workers: 1 })).rejects.toThrow(message);
    await expect(reconcileRunFolder(dir, 30_000, { partitions: 16, workers: 2 })).rejects.toThrow(UsageError);
    await expect(reconcileRunFolder(dir, 30_000, { partitions: 16, workers: 2 })).rejects.toThrow(message);
    // With the ledger bad too, the ledger's line is named first, as reading the files in turn finds it.
    const ledger = join(dir, 'ledger.ndjson');
    writeFileSync(ledger, readFileSync(ledger, 'utf8').replace(/"aptc":700/, '"aptc":"700"'));
    await expect(reconcileRunFolder(dir, 30_000, { partitions: 16, workers: 2 })).rejects.toThrow(
      new RegExp(`${ledger}:1: expected ledger entry field "aptc" to be a number`),
    );
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
