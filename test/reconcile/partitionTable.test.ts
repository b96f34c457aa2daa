// The table of partitions by confirmation number: exact lookups for millions of keys, the first partition kept.

import { describe, expect, it } from 'vitest';
import { PartitionTable } from '../../reconcile/partitionTable.ts';

describe('PartitionTable', () => {
  it('keeps the first partition of each key through growth, and knows no other key', () => {
    const table = new PartitionTable(4);
    const n = 200_000;
    for (let i = 0; i < n; i++) expect(table.addIfAbsent(`CNF-${i}`, i % 4_000)).toBe(true);
    for (let i = 0; i < n; i += 3) expect(table.addIfAbsent(`CNF-${i}`, 4_001)).toBe(false);
    expect(table.size).toBe(n);
    for (let i = 0; i < n; i++) expect(table.get(`CNF-${i}`)).toBe(i % 4_000);
    for (const missing of ['CNF-', `CNF-${n}`, 'CNF-1 ', 'cnf-1', '']) expect(table.get(missing)).toBe(-1);
  });

  it('tells apart keys of the same hash bucket and prefixes, and keeps keys beyond Latin-1 exact', () => {
    const table = new PartitionTable(16);
    const keys = ['', 'a', 'aa', 'ab', 'ba', 'é', 'ÿ', 'Ā', '😀', 'CNF-\ud800', 'x'.repeat(70_000), 'x'.repeat(70_001)];
    keys.forEach((key, p) => expect(table.addIfAbsent(key, p)).toBe(true));
    keys.forEach((key, p) => expect(table.get(key)).toBe(p));
    expect(table.addIfAbsent('😀', 99)).toBe(false);
    expect(table.get('😀')).toBe(8);
    expect(table.size).toBe(keys.length);
  });

  it('is read in place over the arrays of another (as a thread reads the shared table)', () => {
    const table = new PartitionTable(10, true);
    for (let i = 0; i < 1_000; i++) table.addIfAbsent(`K${i}`, i);
    expect(table.data.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    const reader = PartitionTable.from(structuredClone(table.data));
    expect(reader.get('K999')).toBe(999);
    expect(reader.get('K1000')).toBe(-1);
  });

  it('refuses a partition it cannot hold', () => {
    expect(() => new PartitionTable().addIfAbsent('a', 70_000)).toThrow(/partition 70000: expected 0–65535/);
  });
});
