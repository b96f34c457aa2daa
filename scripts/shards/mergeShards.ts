// Shard folders merged into one run folder, judged as one test: per-second rows added second by second (counters
// summed, histograms merged losslessly, users added), the totals and every threshold judged on them, the ledgers
// joined, and the test's applicants kept beside them (a pod's shard writes them to its folder; every shard's are the
// same), so `harness reconcile --run` has what it reads. Refuses folders of different tests, a duplicate shard, or
// (unless allowed) a missing one.

import { copyFileSync, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { MetricSet, type SeriesSnapshot } from '../../engine/metricSet.ts';
import type { LoadPlan } from '../../engine/plan.ts';
import type { ExitReason, RunPlanResult } from '../../engine/runPlan.ts';
import { engineSummary, type EngineSummary } from '../../engine/summary.ts';
import { judgeThresholds } from '../../engine/thresholds.ts';
import { concatenateLedgers } from '../../scenarios/consumers/ledger.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { readShardRecord, SHARD_FILES, type ShardRecord } from './shardFolder.ts';
import { loadSummaryJson } from '../../vocabulary/loadSummary.ts';

export interface MergedShards {
  summary: EngineSummary & { shards: { of: number; merged: number[]; missing: number[] } };
  records: ShardRecord[];
  ledgerEntries: number;
}

/** The fields every shard of one test shares; a folder that differs in one is from another test. */
const SAME = ['testid', 'profile', 'of', 'seed', 'scale', 'durationSeconds', 'planYear'] as const;

export function checkShardSet(dirs: string[], records: ShardRecord[], allowMissing: boolean): { of: number; missing: number[] } {
  if (records.length === 0) throw new UsageError('--from', 'at least one shard folder', 'Give the folders the shards wrote.');
  const first = records[0]!;
  records.forEach((record, i) => {
    for (const field of SAME) {
      if (record[field] !== first[field]) {
        throw new UsageError(
          `shard folder ${dirs[i]}`,
          `a shard of the same test as ${dirs[0]} (${field} ${JSON.stringify(first[field])})`,
          `It has ${field} ${JSON.stringify(record[field])}: give only the shards of one test.`,
        );
      }
    }
  });
  const seen = new Map<number, string>();
  records.forEach((record, i) => {
    const other = seen.get(record.index);
    if (other !== undefined)
      throw new UsageError(`shard folder ${dirs[i]}`, `one folder per shard`, `Shard ${record.index} is also ${other}: give each shard once.`);
    seen.set(record.index, dirs[i]!);
  });
  const missing = Array.from({ length: first.of }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0 && !allowMissing) {
    throw new UsageError(
      '--from',
      `all ${first.of} shards of test ${first.testid}`,
      `Shard(s) ${missing.join(', ')} missing: give their folders, or --allow-missing to judge the rest (the verdict says so).`,
    );
  }
  return { of: first.of, missing };
}

function readRows(dir: string): { second: number; series: SeriesSnapshot[] }[] {
  const file = runFile(dir, 'loadSeconds');
  if (!existsSync(file)) throw new UsageError(`shard folder ${dir}`, 'its load-seconds.ndjson', 'The shard did not finish writing; re-run it.');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as { second: number; series: SeriesSnapshot[] };
      } catch (error) {
        throw new UsageError(`${file}:${i + 1}`, 'one JSON row a line', `It is damaged (${(error as Error).message}); re-run the shard.`);
      }
    });
}

function journeyErrorsOf(dir: string): string[] {
  const file = runFile(dir, 'loadSummary');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { journeyErrors?: string[] }).journeyErrors ?? [];
}

const worst = (reasons: ExitReason[]): ExitReason =>
  reasons.includes('threshold') ? 'threshold' : reasons.includes('interrupted') ? 'interrupted' : 'completed';

export async function mergeShards(dirs: string[], runDir: string, plan: LoadPlan, options: { allowMissing?: boolean } = {}): Promise<MergedShards> {
  const records = dirs.map(readShardRecord);
  const { of, missing } = checkShardSet(dirs, records, options.allowMissing ?? false);

  const bySecond = new Map<number, MetricSet>();
  for (const dir of dirs) {
    for (const row of readRows(dir)) {
      let set = bySecond.get(row.second);
      if (!set) bySecond.set(row.second, (set = new MetricSet()));
      set.merge(row.series, 'add');
    }
  }
  const totals = new MetricSet();
  const out = createWriteStream(runFile(runDir, 'loadSeconds'));
  for (const second of [...bySecond.keys()].sort((a, b) => a - b)) {
    const series = bySecond.get(second)!.snapshot();
    totals.merge(series, 'replace');
    if (!out.write(`${JSON.stringify({ second, series })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');

  const result: RunPlanResult = {
    startedAtMs: Math.min(...records.map((r) => Date.parse(r.startedAt))),
    endedAtMs: Math.max(...records.map((r) => Date.parse(r.finishedAt))),
    totals,
    thresholds: judgeThresholds(totals, plan.thresholds),
    exitReason: worst(records.map((r) => r.exitReason)),
    journeyErrors: [...new Set(dirs.flatMap(journeyErrorsOf))],
    workers: records.reduce((sum, r) => sum + r.workers, 0),
  };
  const summary = { ...engineSummary(plan, result), shards: { of, merged: records.map((r) => r.index).sort((a, b) => a - b), missing } };
  writeFileSync(runFile(runDir, 'loadSummary'), loadSummaryJson(summary));

  const ledgerDir = runFile(runDir, 'ledgerParts');
  mkdirSync(ledgerDir, { recursive: true });
  for (const dir of dirs) {
    const parts = runFile(dir, 'ledgerParts');
    if (!existsSync(parts)) continue;
    for (const name of readdirSync(parts)) copyFileSync(join(parts, name), join(ledgerDir, name));
  }
  const ledger = await concatenateLedgers(ledgerDir, runFile(runDir, 'ledger'));

  // `harness run --shards` wrote the run's applicants before its shards shared them; shards that generated their own
  // (a cluster's pods) each hold the same file, generated from the same seed: one copy is the test's.
  const applicants = runFile(runDir, 'applicants');
  const generated = dirs.map((dir) => join(dir, SHARD_FILES.applicants)).find((file) => existsSync(file));
  if (!existsSync(applicants) && generated) copyFileSync(generated, applicants);
  return { summary, records, ledgerEntries: ledger.entries };
}
