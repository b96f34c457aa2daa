// A shard's folder: what one shard of a test writes (its record, the engine's summary and per-second rows, its
// ledgers), and the record that lets `collect` check that shard folders belong to one test before merging them.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../../vocabulary/errors.ts';

export const SHARD_FILES = {
  record: 'shard.json',
  applicants: 'applicants.ndjson',
} as const;

export const ShardRecord = z.object({
  format: z.literal('harness-shard/1'),
  testid: z.string().min(1),
  profile: z.string().min(1),
  index: z.number().int().min(0),
  of: z.number().int().min(1),
  seed: z.number().int().min(0),
  scale: z.number().positive(),
  durationSeconds: z.number().positive().nullable(),
  planYear: z.number().int(),
  targetsFile: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  exitReason: z.enum(['completed', 'threshold', 'interrupted']),
  workers: z.number().int().min(1),
});
export type ShardRecord = z.infer<typeof ShardRecord>;

export function readShardRecord(dir: string): ShardRecord {
  const file = join(dir, SHARD_FILES.record);
  if (!existsSync(file))
    throw new UsageError(
      `shard folder ${dir}`,
      `a ${SHARD_FILES.record} written by \`harness shard\``,
      'Give the folders the shards wrote (--out of each `harness shard`).',
    );
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(file, 'JSON', `It could not be read (${(error as Error).message}).`);
  }
  const parsed = ShardRecord.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(file, 'the record `harness shard` writes', `Fix: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  return parsed.data;
}
