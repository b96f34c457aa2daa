// Partitions on disk for a reconciliation too big to hold: each partition gathers lines in a buffer, and a full buffer
// is appended to the writer's one spill file as a chunk, its place noted; a partition is read back by reading its
// chunks in the order written. Small runs never touch disk. The lines (lines.ts) hold only the fields reconciliation
// reads, never whole objects, so a partition read back is a fraction of the input's size. The buffers are Buffers
// written in place, not growing strings (a string kept growing is copied again and again and ends in the old
// generation, which the collector then walks), and one file per writer, not one per partition (thousands of
// partitions would mean thousands of descriptors held, or an open and close per chunk).

import { isAscii } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdOf, kindOf, ledgerOf, recordOf, type LineSink } from './lines.ts';
import type { Partition } from './reconcile.ts';

/** Bytes buffered per partition before they are appended to the spill file. */
const BUFFER_BYTES = 64 * 1024;

/** Where a partition's lines are in a spill file: [offset, length] of each chunk, in order, flattened. */
export interface SpilledPart {
  file: string;
  chunks: number[];
}

/** Buffer.prototype.write checks its arguments in JavaScript each call; at tens of millions of lines that shows. */
type Utf8Writer = { utf8Write(text: string, offset: number): number };

export class PartitionFiles implements LineSink {
  readonly dir: string;
  readonly count: number;
  readonly file: string;
  private readonly ownDir: boolean;
  private readonly buffers: (Buffer | undefined)[];
  private readonly used: number[];
  private readonly chunks: number[][];
  private fd: number | undefined;
  /** Bytes written to disk, all partitions. */
  spilledBytes = 0;

  /** `prefix` names the spill file, so that several writers can share a folder. */
  constructor(count: number, dir?: string, prefix = 'partitions') {
    this.count = count;
    this.ownDir = dir === undefined;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'reconcile-'));
    this.file = join(this.dir, `${prefix}.spill`);
    this.buffers = new Array<Buffer | undefined>(count).fill(undefined);
    this.used = new Array<number>(count).fill(0);
    this.chunks = Array.from({ length: count }, () => []);
  }

  add(partition: number, line: string): void {
    let buffer = this.buffers[partition];
    if (buffer === undefined) buffer = this.buffers[partition] = Buffer.allocUnsafe(BUFFER_BYTES);
    let at = this.used[partition]!;
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (at + line.length * 3 + 1 > BUFFER_BYTES) {
      this.flush(partition);
      at = 0;
      if (line.length * 3 + 1 > BUFFER_BYTES) {
        this.write(partition, Buffer.from(`${line}\n`));
        return;
      }
    }
    at += (buffer as unknown as Utf8Writer).utf8Write(line, at);
    buffer[at++] = 10;
    this.used[partition] = at;
  }

  /**
   * A tab line, if its bytes as written hold exactly `tabs` tabs and no newline, carriage return, backslash or 0xEF
   * byte (U+FFFD, which a lone surrogate becomes, starts with it; so do a few rare characters, which then simply take
   * the JSON form); otherwise nothing is added and false returned.
   */
  tabs(partition: number, text: string, tabs: number): boolean {
    if (text.length * 3 + 1 > BUFFER_BYTES) return false;
    let buffer = this.buffers[partition];
    if (buffer === undefined) buffer = this.buffers[partition] = Buffer.allocUnsafe(BUFFER_BYTES);
    let start = this.used[partition]!;
    if (start + text.length * 3 + 1 > BUFFER_BYTES) {
      this.flush(partition);
      start = 0;
    }
    const end = start + (buffer as unknown as Utf8Writer).utf8Write(text, start);
    let seen = 0;
    for (let i = start; i < end; i++) {
      const b = buffer[i]!;
      if (b < 14) {
        if (b === 9) seen++;
        else if (b === 10 || b === 13) return false;
      } else if (b === 92 || b === 0xef) return false;
    }
    if (seen !== tabs) return false;
    buffer[end] = 10;
    this.used[partition] = end + 1;
    return true;
  }

  json(partition: number, text: string): void {
    this.add(partition, text);
  }

  private write(partition: number, bytes: Uint8Array): void {
    this.fd ??= openSync(this.file, 'w+'); // read back by take()
    writeSync(this.fd, bytes, 0, bytes.length, this.spilledBytes);
    this.chunks[partition]!.push(this.spilledBytes, bytes.length);
    this.spilledBytes += bytes.length;
  }

  private flush(partition: number): void {
    const used = this.used[partition]!;
    if (used === 0) return;
    this.write(partition, this.buffers[partition]!.subarray(0, used));
    this.used[partition] = 0;
  }

  /** Writes every buffer out and closes the file, so that each partition is whole on disk (for another thread to read). */
  flushAll(): (SpilledPart | undefined)[] {
    const parts: (SpilledPart | undefined)[] = [];
    for (let partition = 0; partition < this.count; partition++) {
      this.flush(partition);
      this.buffers[partition] = undefined;
      const chunks = this.chunks[partition]!;
      parts.push(chunks.length > 0 ? { file: this.file, chunks } : undefined);
    }
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return parts;
  }

  /** Every line of a partition in the order added; its buffer is let go. */
  take(partition: number): string[] {
    const buffer = this.buffers[partition];
    const tail = buffer ? buffer.subarray(0, this.used[partition]) : Buffer.alloc(0);
    this.buffers[partition] = undefined;
    this.used[partition] = 0;
    const chunks = this.chunks[partition]!;
    this.chunks[partition] = [];
    return splitLines(this.fd === undefined || chunks.length === 0 ? tail : Buffer.concat([readChunks(this.fd, chunks), tail]));
  }

  /** Closes the file and removes it (and the folder, when it made it). */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.file, { force: true });
    this.buffers.fill(undefined);
    if (this.ownDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The bytes of the chunks, in order. */
function readChunks(fd: number, chunks: readonly number[], into?: Buffer, from = 0): Buffer {
  let total = 0;
  for (let i = 1; i < chunks.length; i += 2) total += chunks[i]!;
  const bytes = into ?? Buffer.allocUnsafe(total);
  let at = from;
  for (let i = 0; i < chunks.length; i += 2) {
    const length = chunks[i + 1]!;
    for (let done = 0; done < length; ) {
      const n = readSync(fd, bytes, at + done, length - done, chunks[i]! + done);
      if (n === 0) throw new Error(`partition spill file ended early (chunk at ${chunks[i]}, ${length} bytes)`);
      done += n;
    }
    at += length;
  }
  return bytes;
}

/** Bytes as text: ASCII (nearly always) copied as Latin-1, several times faster than decoding UTF-8 and the same text. */
export const textOf = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

function splitLines(bytes: Buffer): string[] {
  const lines = textOf(bytes).split('\n');
  lines.pop();
  return lines;
}

/** The lines of a partition written by several writers (flushAll), writer after writer. */
export function linesOf(parts: readonly SpilledPart[]): string[] {
  let total = 0;
  for (const part of parts) for (let i = 1; i < part.chunks.length; i += 2) total += part.chunks[i]!;
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  for (const part of parts) {
    const fd = openSync(part.file, 'r');
    try {
      readChunks(fd, part.chunks, bytes, at);
    } finally {
      closeSync(fd);
    }
    for (let i = 1; i < part.chunks.length; i += 2) at += part.chunks[i]!;
  }
  return splitLines(bytes);
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
