// A run folder's NDJSON files as shared sources (stream.ts): threads read one file side by side, each a byte range of
// it. Share k of n starts just after the first newline at or after k/n of the file and ends where share k + 1 starts,
// so the shares in turn hold every line once, in the file's order. Each line is checked as ndjson.ts checks it, and an
// error names its line number in the whole file: the lines before the share are counted then, and only then.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { checkedLine, HOUSEHOLD_LINE, LEDGER_LINE, type NdjsonKind, RECORD_LINE } from './ndjson.ts';
import type { SharedSource } from './partitionWorkers.ts';

const NEWLINE = 0x0a;
const RETURN = 0x0d;
/** Bytes read at a time; a longer line grows the buffer. */
const CHUNK_BYTES = 1 << 20;

interface FileArgs {
  file: string;
}

/** The first offset at or after `from` where a line begins (just after a newline), or the file's size. */
function lineStartFrom(fd: number, from: number, size: number): number {
  if (from <= 0) return 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (let at = from - 1; at < size; ) {
    const read = readSync(fd, buffer, 0, buffer.length, at);
    if (read === 0) break;
    const newline = buffer.subarray(0, read).indexOf(NEWLINE);
    if (newline >= 0) return at + newline + 1;
    at += read;
  }
  return size;
}

/** Lines ended in bytes [0, to) as readline counts them: "\n", "\r\n" and a lone "\r" each end one (`to` begins a line). */
function linesEndedBefore(fd: number, to: number): number {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let lines = 0;
  let returnBefore = false;
  for (let at = 0; at < to; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, to - at), at);
    if (read === 0) break;
    const chunk = buffer.subarray(0, read);
    if (!returnBefore && chunk.indexOf(RETURN) < 0) {
      for (let i = chunk.indexOf(NEWLINE); i >= 0; i = chunk.indexOf(NEWLINE, i + 1)) lines++;
    } else {
      for (const byte of chunk) {
        if (byte === NEWLINE || returnBefore) lines++;
        returnBefore = byte === RETURN;
      }
    }
    at += read;
  }
  return returnBefore ? lines + 1 : lines;
}

/** The checked items of share `share` of `shares` of the file, in the file's order. */
export function* checkedShare<T>(file: string, kind: NdjsonKind, share: number, shares: number): Generator<T> {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const start = lineStartFrom(fd, Math.floor((size * share) / shares), size);
    const end = share + 1 >= shares ? size : lineStartFrom(fd, Math.floor((size * (share + 1)) / shares), size);
    let line = 0;
    let before: number | undefined;
    const at = (): string => {
      before ??= linesEndedBefore(fd, start);
      return `${file}:${before + line}`;
    };
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let held = 0;
    for (let position = start; ; ) {
      if (held === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
      }
      const read = position < end ? readSync(fd, buffer, held, Math.min(buffer.length - held, end - position), position) : 0;
      position += read;
      const last = read === 0;
      const filled = buffer.subarray(0, held + read);
      // A "\r" ends a line too (as readline reads it): rare, so looked for once a chunk.
      const returns = filled.indexOf(RETURN) >= 0;
      let from = 0;
      while (from < filled.length) {
        let newline = filled.indexOf(NEWLINE, from);
        if (newline < 0) {
          if (!last) break;
          newline = filled.length;
        }
        const text = filled.toString('utf8', from, newline);
        from = newline + 1;
        if (returns && text.includes('\r')) {
          for (const part of (text.endsWith('\r') ? text.slice(0, -1) : text).split('\r')) {
            line++;
            const value = checkedLine(part, kind, at);
            if (value !== undefined) yield value as T;
          }
          continue;
        }
        line++;
        const value = checkedLine(text, kind, at);
        if (value !== undefined) yield value as T;
      }
      if (last) return;
      held = Math.max(0, filled.length - from);
      if (held > 0) buffer.copyWithin(0, from, filled.length);
    }
  } finally {
    closeSync(fd);
  }
}

export const householdShare = (args: FileArgs, share: number, shares: number): Generator<Household> =>
  checkedShare<Household>(args.file, HOUSEHOLD_LINE, share, shares);
export const ledgerShare = (args: FileArgs, share: number, shares: number): Generator<LedgerEntry> =>
  checkedShare<LedgerEntry>(args.file, LEDGER_LINE, share, shares);
export const insurerRecordShare = (args: FileArgs, share: number, shares: number): Generator<InsurerRecord> =>
  checkedShare<InsurerRecord>(args.file, RECORD_LINE, share, shares);

/** A run folder's file as a source threads read in shares. */
export const sharedNdjson = (file: string, name: 'householdShare' | 'ledgerShare' | 'insurerRecordShare'): SharedSource => ({
  module: import.meta.url,
  name,
  args: { file } satisfies FileArgs,
});
