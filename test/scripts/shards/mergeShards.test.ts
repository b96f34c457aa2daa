// Which shard folders make one test: the same test id, profile, split, seed, scale, duration and plan year; each
// shard once; a missing one refused unless allowed — each refusal naming the folder and what to do.

import { describe, expect, it } from 'vitest';
import { checkShardSet } from '../../../scripts/shards/mergeShards.ts';
import type { ShardRecord } from '../../../scripts/shards/shardFolder.ts';
import { UsageError } from '../../../vocabulary/errors.ts';

const record = (index: number, change: Partial<ShardRecord> = {}): ShardRecord => ({
  format: 'harness-shard/1',
  testid: 't1',
  profile: 'load',
  index,
  of: 3,
  seed: 1,
  scale: 0.01,
  durationSeconds: 60,
  planYear: 2026,
  targetsFile: 'targets.yaml',
  startedAt: '2026-12-02T00:00:00.000Z',
  finishedAt: '2026-12-02T00:01:00.000Z',
  exitReason: 'completed',
  workers: 2,
  ...change,
});
const dirs = (n: number): string[] => Array.from({ length: n }, (_, i) => `/s/${i}`);

describe('checkShardSet', () => {
  it('takes every shard of one test once', () => {
    expect(checkShardSet(dirs(3), [record(2), record(0), record(1)], false)).toEqual({ of: 3, missing: [] });
  });

  it('refuses a folder of another test, naming it and the field that differs', () => {
    expect(() => checkShardSet(dirs(3), [record(0), record(1, { seed: 2 }), record(2)], false)).toThrow(
      /shard folder \/s\/1: expected a shard of the same test as \/s\/0 \(seed 1\)\. It has seed 2/,
    );
    expect(() => checkShardSet(dirs(2), [record(0), record(1, { testid: 't2' })], true)).toThrow(UsageError);
  });

  it('refuses a shard given twice', () => {
    expect(() => checkShardSet(dirs(3), [record(0), record(1), record(1)], false)).toThrow(/Shard 1 is also \/s\/1: give each shard once/);
  });

  it('refuses a missing shard unless allowed, then names it', () => {
    expect(() => checkShardSet(dirs(2), [record(0), record(2)], false)).toThrow(/Shard\(s\) 1 missing: give their folders, or --allow-missing/);
    expect(checkShardSet(dirs(2), [record(0), record(2)], true)).toEqual({ of: 3, missing: [1] });
  });
});
