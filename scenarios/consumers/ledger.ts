// The client-side ledger, written by the journeys themselves: every confirmation a simulated consumer receives is
// appended as one NDJSON line (domain/ledger.ts's LedgerEntry) the moment it arrives, with a synchronous write to a
// file opened once, so a crash of the harness loses nothing a consumer was already told (the OS holds what was
// written; no fsync, so a power cut may). One file per worker segment; concatenateLedgers joins them for the pipeline.
// Ids and amounts only: no names, SSNs or dates of birth.

import { closeSync, createReadStream, createWriteStream, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import type { LedgerEntry } from '../../domain/ledger.ts';
import type { Segment } from '../../engine/schedule.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import type { Confirmation } from './exchangeClient.ts';

/** What the consumer of household `householdId` was told, as it was told, when it was told. */
export function ledgerEntryOf(householdId: string, confirmation: Confirmation, confirmedAt: Date): LedgerEntry {
  const { confirmationNumber, planId, premium, aptc, owed, effectiveDate } = confirmation;
  return { householdId, confirmationNumber, planId, premium, aptc, owed, effectiveDate, confirmedAt: confirmedAt.toISOString() };
}

/** `${ledgerDir}/ledger.<index>-of-<of>.ndjson`: the ledger of one worker segment. */
export const segmentLedgerFile = (ledgerDir: string, segment: Segment): string => join(ledgerDir, `ledger.${segment.index}-of-${segment.of}.ndjson`);

const SEGMENT_LEDGER = /^ledger\.(\d+)-of-(\d+)\.ndjson$/;

export interface Ledger {
  readonly file: string;
  /** Appends the entry and returns once the OS has it. */
  record(householdId: string, confirmation: Confirmation, confirmedAt?: Date): LedgerEntry;
  close(): void;
}

/** Opens (creating the folder) a ledger file for appending: a file that exists keeps its lines. */
export function openLedger(file: string): Ledger {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'a');
  } catch (error) {
    throw new UsageError(
      `ledger file ${file}`,
      'a file the harness may create and append to',
      `Check that ledgerDir is a writable folder (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  let open = true;
  return {
    file,
    record(householdId, confirmation, confirmedAt = new Date()) {
      if (!open) throw new Error(`ledger ${file} is closed: a confirmation arrived after the run's end`);
      const entry = ledgerEntryOf(householdId, confirmation, confirmedAt);
      // One write of the whole line: appends are atomic per write, so lines never interleave.
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      return entry;
    },
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
}

export interface ConcatenatedLedger {
  /** The segment files read, in the order written. */
  files: string[];
  /** Entries written to the output. */
  entries: number;
  /** `file: N bytes` for each file whose last line was cut short by a crash mid-write: not a confirmation, skipped. */
  torn: string[];
}

interface SegmentFile {
  file: string;
  segment: Segment;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Segments i of n and j of m share journeys when i ≡ j (mod gcd(n, m)): then the files are from different runs. */
function overlapping(files: SegmentFile[]): [SegmentFile, SegmentFile] | undefined {
  for (let a = 0; a < files.length; a++) {
    for (let b = a + 1; b < files.length; b++) {
      const [x, y] = [files[a]!.segment, files[b]!.segment];
      if ((x.index - y.index) % gcd(x.of, y.of) === 0) return [files[a]!, files[b]!];
    }
  }
  return undefined;
}

/** The segment ledgers of a folder, ordered by segment. */
export function segmentLedgers(ledgerDir: string): SegmentFile[] {
  let names: string[];
  try {
    names = readdirSync(ledgerDir);
  } catch (error) {
    throw new UsageError(
      `ledger folder ${ledgerDir}`,
      'the folder the journeys wrote their ledgers to (ledgerDir)',
      `Check the path (${(error as NodeJS.ErrnoException).code}).`,
    );
  }
  return names
    .map((name) => ({ name, match: SEGMENT_LEDGER.exec(name) }))
    .filter((n): n is { name: string; match: RegExpExecArray } => n.match !== null)
    .map(({ name, match }) => ({ file: join(ledgerDir, name), segment: { index: Number(match[1]), of: Number(match[2]) } }))
    .filter(({ segment }) => segment.of > 0 && segment.index < segment.of)
    .sort((a, b) => a.segment.of - b.segment.of || a.segment.index - b.segment.index);
}

/**
 * Joins a folder's segment ledgers (`ledger.<i>-of-<n>.ndjson`) into one NDJSON file for reconciliation; returns the
 * files read, the entries written and any torn last line. Every complete line must be a JSON object: one that is not
 * means the file was damaged, and the whole join fails naming it rather than reconcile a ledger with a hole.
 */
export async function concatenateLedgers(ledgerDir: string, outFile: string): Promise<ConcatenatedLedger> {
  const files = segmentLedgers(ledgerDir);
  if (files.length === 0) {
    throw new UsageError(
      `ledger folder ${ledgerDir}`,
      'ledger.<i>-of-<n>.ndjson files written by the consumer journeys',
      'Check ledgerDir is the folder the run was given.',
    );
  }
  const clash = overlapping(files);
  if (clash) {
    throw new UsageError(
      `ledger folder ${ledgerDir}`,
      'the segment ledgers of one run',
      `${basename(clash[0].file)} and ${basename(clash[1].file)} cover the same journeys, so one is from another run: give each run its own ledgerDir.`,
    );
  }
  const out = createWriteStream(outFile);
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  // Awaited below; a write failing while nothing awaits it must not surface as an unhandled rejection.
  failed.catch(() => undefined);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let entries = 0;
  const torn: string[] = [];
  try {
    for (const { file } of files) {
      let rest = '';
      let lineNumber = 0;
      for await (const chunk of createReadStream(file, 'utf8')) {
        const lines = (rest + (chunk as string)).split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          lineNumber++;
          if (line.trim() === '') continue;
          if (!isJsonObject(line))
            throw new UsageError(
              `${file}:${lineNumber}`,
              'one JSON ledger entry per line',
              'The line is damaged; the file was edited or the disk failed. Re-run.',
            );
          await write(`${line}\n`);
          entries++;
        }
      }
      // A last line with no newline: the write was cut short, unless all but the newline made it.
      if (rest.trim() !== '' && isJsonObject(rest)) {
        await write(`${rest}\n`);
        entries++;
      } else if (rest !== '') torn.push(`${file}: ${Buffer.byteLength(rest)} bytes`);
    }
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    // No half-joined ledger left behind to be mistaken for the run's.
    out.destroy();
    rmSync(outFile, { force: true });
    throw error;
  }
  return { files: files.map((f) => f.file), entries, torn };
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
