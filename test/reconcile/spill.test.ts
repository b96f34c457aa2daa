// The partition files give every line back in the order added, whatever its characters, spilled to disk or not.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { receivedRecords } from '../../bench/fixtures/reconcileRecords.ts';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import { recordOf, writeRecord } from '../../reconcile/lines.ts';
import { linesOf, PartitionFiles } from '../../reconcile/spill.ts';
import { AWKWARD, expectSame, RECORD_FIELDS } from './partitionValues.ts';

describe('PartitionFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'partition-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give back every line of a partition in order, spilled or not, ASCII or not', () => {
    const files = new PartitionFiles(3, dir, 'test');
    const lines = Array.from({ length: 30_000 }, (_, i) => (i % 1000 === 7 ? `R\tJosé ${i} 😀` : `L\tline ${i}`));
    lines.push('x'.repeat(100_000)); // longer than a buffer
    lines.forEach((line, i) => files.add(i % 3, line));
    expect(files.spilledBytes).toBeGreaterThan(0);
    for (const p of [0, 1, 2]) expect(files.take(p)).toEqual(lines.filter((_, i) => i % 3 === p));
    files.dispose();
  });

  it.each(AWKWARD.map((v) => [v]))('check the bytes they write, so a record with %s in any field comes back exactly', (value) => {
    const files = new PartitionFiles(2, dir, 'awkward');
    const base = receivedRecords(5)[1]!;
    const written = RECORD_FIELDS.map((field) => ({ ...base, [field]: value }) as unknown as InsurerRecord);
    written.forEach((r, i) => writeRecord(files, i % 2, i, r));
    const back = [...files.take(0), ...files.take(1)].map(recordOf).sort((a, b) => a.seq - b.seq);
    expect(back).toHaveLength(written.length);
    back.forEach(({ seq, record }) => {
      for (const f of RECORD_FIELDS) expectSame(record[f], written[seq]![f], `${RECORD_FIELDS[seq]}=${String(value)}: ${f}`);
    });
    files.dispose();
  });

  it('write whole spill files whose parts linesOf reads back, one writer after another', () => {
    const a = new PartitionFiles(2, dir, 'a');
    const b = new PartitionFiles(2, dir, 'b');
    a.add(1, 'L\tfirst');
    a.add(1, 'H\tsecond é');
    b.add(1, 'R\tthird');
    const [fa, fb] = [a.flushAll(), b.flushAll()];
    expect(fa[0]).toBeUndefined();
    expect(linesOf([fa[1]!, fb[1]!])).toEqual(['L\tfirst', 'H\tsecond é', 'R\tthird']);
    a.dispose();
    b.dispose();
  });
});
