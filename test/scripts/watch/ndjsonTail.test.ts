// Reading a file as it grows: nothing before it exists, each complete line once, a line cut mid-write (or mid-
// character, at a chunk's end) only once it is whole.

import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NdjsonTail } from '../../../scripts/watch/ndjsonTail.ts';

const fileIn = (): string => join(mkdtempSync(join(tmpdir(), 'harness-tail-')), 'rows.ndjson');

function readAll(tail: NdjsonTail): string[] {
  const lines: string[] = [];
  tail.read((line) => lines.push(line));
  return lines;
}

describe('NdjsonTail', () => {
  it('reads nothing before the file exists, then each complete line once, a cut line when its end comes', () => {
    const file = fileIn();
    const tail = new NdjsonTail(file);
    expect(readAll(tail)).toEqual([]);
    writeFileSync(file, '{"a":1}\n{"b":');
    expect(readAll(tail)).toEqual(['{"a":1}']);
    expect(readAll(tail)).toEqual([]);
    appendFileSync(file, '2}\n\n{"c":3}\n');
    expect(readAll(tail)).toEqual(['{"b":2}', '{"c":3}']);
  });

  it('keeps a character whose bytes straddle two chunks whole, and reads a file larger than a chunk', () => {
    const file = fileIn();
    // The first line ends one byte into "é" (2 bytes in UTF-8) at the 1 MiB chunk boundary.
    const first = `"${'x'.repeat((1 << 20) - 2)}é"`;
    writeFileSync(file, `${first}\n"after"\n`);
    const lines = readAll(new NdjsonTail(file));
    expect(lines).toEqual([first, '"after"']);
  });
});
