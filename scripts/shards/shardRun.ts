// One shard of a test: segment `index` of `of` of a profile's load plan and of its applicants, run by the engine
// against an exchange, started with the other shards (a shared start time or a start file), its metrics labelled
// with the shard, its summary, per-second rows and ledgers written to its own folder. Used by `harness shard`
// (a Kubernetes Indexed Job's pods) and by `harness run --shards N` on one machine: the same code.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteWriter } from '../../engine/prometheus/remoteWriter.ts';
import type { RunPlanResult } from '../../engine/runPlan.ts';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import { consumersFor } from '../run/consumers.ts';
import { runEngineLoad } from '../run/engineLoad.ts';
import type { Profile } from '../run/profiles/index.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { SHARD_FILES, type ShardRecord } from './shardFolder.ts';
import type { PlanYear } from '../../vocabulary/planYear.ts';

export interface ShardOptions {
  profile: Profile;
  targets: Targets;
  targetsFile: string;
  index: number;
  of: number;
  baseUrl: string;
  outDir: string;
  testid: string;
  seed: number;
  scale: number;
  durationSeconds?: number;
  planYear: PlanYear;
  /** An applicants file every shard shares; without it the shard generates the test's applicants from the seed. */
  applicantsFile?: string;
  /** When to start: an epoch ms, or a file to wait for that holds one (a barrier the caller releases). */
  start?: { atMs: number } | { file: string };
  /** Push metrics here (Prometheus remote write), labelled testid and shard. */
  remoteWriteUrl?: string;
  workers?: number;
  say: (line: string) => void;
  signal?: AbortSignal;
}

/** How often a shard waiting for its start file looks for it. */
const START_POLL_MS = 50;

async function startTime(start: ShardOptions['start'], say: (line: string) => void): Promise<number> {
  if (!start) return 0;
  if ('atMs' in start) {
    const late = Date.now() - start.atMs;
    if (late > 1000) say(`        shard ready ${(late / 1000).toFixed(1)} s after the common start: starting now, late`);
    return start.atMs;
  }
  say(`        shard ready: waiting for the start (${start.file})`);
  for (;;) {
    if (existsSync(start.file)) {
      const atMs = Number(readFileSync(start.file, 'utf8').trim());
      if (Number.isFinite(atMs)) return atMs;
    }
    await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
  }
}

export async function runShard(options: ShardOptions): Promise<{ result: RunPlanResult; record: ShardRecord }> {
  const { profile, targets, say } = options;
  mkdirSync(options.outDir, { recursive: true });
  const plan = profile.plan({ targets, scale: options.scale, durationSeconds: options.durationSeconds });
  const applicantsFile = options.applicantsFile ?? join(options.outDir, SHARD_FILES.applicants);
  if (!options.applicantsFile) await writeApplicantsFile({ count: plan.applicants, seed: options.seed, planYear: options.planYear, file: applicantsFile });
  const ledgerDir = runFile(options.outDir, 'ledgerParts');
  mkdirSync(ledgerDir, { recursive: true });
  const consumers = consumersFor({ profile: profile.name, plan, targets, baseUrl: options.baseUrl, applicantsFile, ledgerDir });
  const writer = options.remoteWriteUrl
    ? createRemoteWriter({ url: options.remoteWriteUrl, testid: options.testid, labels: { shard: String(options.index) } })
    : undefined;
  say(`  shard ${options.index} of ${options.of}: ${profile.name}, ${plan.describe}; ${consumers.describe}`);
  const { result } = await runEngineLoad({
    runDir: options.outDir,
    plan: plan.loadPlan,
    journeyModule: consumers.journeyModule,
    journeyOptions: consumers.journeyOptions,
    workers: options.workers,
    segment: { index: options.index, of: options.of },
    startAt: () => startTime(options.start, say),
    say,
    signal: options.signal,
    ...(writer ? { onSecond: (row, totals) => writer.push(row, totals) } : {}),
  });
  if (writer) {
    const pushed = await writer.flush();
    if (pushed.failures > 0) say(`        metrics: ${pushed.failures} remote-write request(s) failed (${pushed.lastError ?? 'no message'})`);
  }
  const record: ShardRecord = {
    format: 'harness-shard/1',
    testid: options.testid,
    profile: profile.name,
    index: options.index,
    of: options.of,
    seed: options.seed,
    scale: options.scale,
    durationSeconds: options.durationSeconds ?? null,
    planYear: options.planYear,
    targetsFile: options.targetsFile,
    startedAt: new Date(result.startedAtMs).toISOString(),
    finishedAt: new Date(result.endedAtMs).toISOString(),
    exitReason: result.exitReason,
    workers: result.workers,
  };
  writeFileSync(join(options.outDir, SHARD_FILES.record), `${JSON.stringify(record, null, 2)}\n`);
  return { result, record };
}
