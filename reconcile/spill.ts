// Partitions on disk for a reconciliation too big to hold: each partition gathers lines in a buffer and appends them
// to its own file once the buffer fills, then gives them back in the order they were added. Small runs never touch
// disk. The lines (lines.ts) hold only the fields reconciliation reads, never whole objects, so a partition read back
// is a fraction of the input's size. The buffers are Buffers written in place, not growing strings: a string per
// partition kept growing is copied again and again and ends in the old generation, which the collector then walks.

import { isAscii } from 'node:buffer';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { householdOf, kindOf, ledgerOf, recordOf } from './lines.ts';
import type { Partition } from './reconcile.ts';

/** Bytes buffered per partition before they are appended to its file. */
const BUFFER_BYTES = 64 * 1024;

export class PartitionFiles {
  readonly dir: string;
  readonly count: number;
  private readonly ownDir: boolean;
  private readonly prefix: string;
  private readonly buffers: (Buffer | undefined)[];
  private readonly used: number[];
  /** Which partitions have a file (opened to append each time: a thousand partitions must not hold a thousand descriptors). */
  private readonly onDisk: boolean[];
  /** Bytes written to disk, all partitions. */
  spilledBytes = 0;

  /** `prefix` names the files, so that several writers can share a folder. */
  constructor(count: number, dir?: string, prefix = 'partition') {
    this.count = count;
    this.ownDir = dir === undefined;
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'reconcile-'));
    this.prefix = prefix;
    this.buffers = new Array<Buffer | undefined>(count).fill(undefined);
    this.used = new Array<number>(count).fill(0);
    this.onDisk = new Array<boolean>(count).fill(false);
  }

  file(partition: number): string {
    return join(this.dir, `${this.prefix}-${partition}.lines`);
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
    at += buffer.write(line, at);
    buffer[at++] = 10;
    this.used[partition] = at;
  }

  private write(partition: number, bytes: Uint8Array): void {
    const fd = openSync(this.file(partition), this.onDisk[partition] ? 'a' : 'w');
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    this.onDisk[partition] = true;
    this.spilledBytes += bytes.length;
  }

  private flush(partition: number): void {
    const used = this.used[partition]!;
    if (used === 0) return;
    this.write(partition, this.buffers[partition]!.subarray(0, used));
    this.used[partition] = 0;
  }

  /** Writes every buffer out, so that each partition is whole on disk (for another thread to read); the files that exist. */
  flushAll(): (string | undefined)[] {
    const files: (string | undefined)[] = [];
    for (let partition = 0; partition < this.count; partition++) {
      this.flush(partition);
      this.buffers[partition] = undefined;
      files.push(this.onDisk[partition] ? this.file(partition) : undefined);
    }
    return files;
  }

  /** Every line of a partition in the order added; its buffer and file are let go. */
  take(partition: number): string[] {
    const buffer = this.buffers[partition];
    let text = buffer ? textOf(buffer.subarray(0, this.used[partition])) : '';
    this.buffers[partition] = undefined;
    this.used[partition] = 0;
    if (this.onDisk[partition]) {
      this.onDisk[partition] = false;
      text = textOf(readFileSync(this.file(partition))) + text;
      rmSync(this.file(partition), { force: true });
    }
    const lines = text.split('\n');
    lines.pop();
    return lines;
  }

  /** Removes every file (and the folder, when it made it). */
  dispose(): void {
    for (let partition = 0; partition < this.count; partition++) if (this.onDisk[partition]) rmSync(this.file(partition), { force: true });
    this.onDisk.fill(false);
    this.buffers.fill(undefined);
    if (this.ownDir) rmSync(this.dir, { recursive: true, force: true });
  }
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

/** Bytes as text: ASCII (nearly always) copied as Latin-1, several times faster than decoding UTF-8 and the same text. */
export const textOf = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/** The lines of a partition's files written by flushAll, file after file. */
export function linesOf(files: readonly string[]): string[] {
  const bytes = files.length === 1 ? readFileSync(files[0]!) : Buffer.concat(files.map((file) => readFileSync(file)));
  const lines = textOf(bytes).split('\n');
  lines.pop();
  return lines;
}
