// `harness run --shards N`: one test as N shard processes on this machine against the run's exchange, started
// together (each waits, once its workers are ready, for a start file the run writes when all are), then merged into
// the run folder and judged on the aggregate — the code `harness collect` runs for shards from a cluster.

import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { LoadPlan } from '../../engine/plan.ts';
import type { ExitReason } from '../../engine/runPlan.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import type { ProcessGroup } from '../run/processes.ts';
import { runFile, SHARDS_DIR } from '../../vocabulary/runFiles.ts';
import { loadExitCode } from '../run/engineLoad.ts';
import { mergeShards } from './mergeShards.ts';

export interface LocalShardsOptions {
  runDir: string;
  runId: string;
  profile: string;
  shards: number;
  baseUrl: string;
  targetsFile: string;
  seed: number;
  scale: number;
  durationSeconds?: number;
  planYear: number;
  /** The run's Prometheus (its base URL), for the shards' remote write. */
  prometheusUrl?: string;
  /** Engine worker threads per shard (default: the cores shared out between the shards). */
  workers?: number;
  plan: LoadPlan;
  say: (line: string) => void;
  signal: AbortSignal;
  env: Record<string, string>;
}

/** Starting N processes with the TypeScript loader takes seconds: the start comes this long after the last is ready. */
const START_MARGIN_MS = 200;

export async function runLocalShards(
  group: ProcessGroup,
  options: LocalShardsOptions,
): Promise<{ exitCode: number; confirmed: number; exitReason: ExitReason }> {
  const { shards: count, runDir, say } = options;
  const dirs = Array.from({ length: count }, (_, i) => join(runDir, SHARDS_DIR, String(i)));
  const startFile = join(runDir, SHARDS_DIR, 'start');
  const workers = options.workers ?? Math.max(1, Math.floor(availableParallelism() / count));
  let ready = 0;
  say(`  [4/6] load engine: ${options.profile} as ${count} shards of ${workers} worker thread${workers === 1 ? '' : 's'}, started together`);
  const shards = dirs.map((dir, index) =>
    group.spawn(
      `shard ${index}`,
      process.execPath,
      [
        'bin/harness.mjs',
        'shard',
        '--profile',
        options.profile,
        '--index',
        String(index),
        '--of',
        String(count),
        '--base-url',
        options.baseUrl,
        '--out',
        dir,
        '--targets',
        options.targetsFile,
        '--seed',
        String(options.seed),
        '--scale',
        String(options.scale),
        '--plan-year',
        String(options.planYear),
        ...(options.durationSeconds === undefined ? [] : ['--duration', `${options.durationSeconds}s`]),
        '--applicants',
        runFile(runDir, 'applicants'),
        '--start-file',
        startFile,
        '--testid',
        options.runId,
        '--workers',
        String(workers),
        ...(options.prometheusUrl ? ['--prometheus', options.prometheusUrl] : []),
      ],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...options.env },
        logFile: join(runDir, `shard-${index}.log`),
        onStdoutLine: (line) => {
          if (line.includes('shard ready: waiting for the start') && ++ready === count) writeFileSync(startFile, String(Date.now() + START_MARGIN_MS));
          else if (line.trim() && !line.includes('shard ready')) say(`        shard ${index} │ ${line.trim()}`);
        },
        onStderrLine: (line) => say(`        shard ${index} │ ${line}`),
      },
    ),
  );
  const onInterrupt = (): void => shards.forEach((s) => s.child.kill('SIGTERM'));
  options.signal.addEventListener('abort', onInterrupt, { once: true });
  const codes = await Promise.all(shards.map((s) => s.exited));
  options.signal.removeEventListener('abort', onInterrupt);
  const failed = codes.map((code, i) => ({ code, i })).filter(({ code }) => code !== 0 && code !== 130);
  if (failed.length > 0) say(`        shard(s) ${failed.map((f) => `${f.i} (exit ${f.code})`).join(', ')} failed: see shard-<i>.log in the run folder`);
  const merged = await mergeShards(dirs, runDir, options.plan, { allowMissing: false });
  const { summary } = merged;
  const thresholdsHeld = Object.values(summary.metrics).every((m) => Object.values(m.thresholds ?? {}).every((t) => t.ok));
  // A shard that failed outright is a failed load whatever the others measured.
  const exitCode = failed.length > 0 && summary.exitReason !== 'interrupted' ? 1 : loadExitCode(summary.exitReason, thresholdsHeld);
  return { exitCode, confirmed: merged.ledgerEntries, exitReason: summary.exitReason };
}
