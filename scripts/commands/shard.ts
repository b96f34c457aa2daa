// `harness shard`: one shard of a test (segment --index of --of of the profile's load and applicants) against an
// exchange, writing its folder for `harness collect`. What each pod of a Kubernetes Indexed Job runs, and what
// `harness run --shards N` starts N of on one machine. Exit 0 when it ran (the verdict is the merged test's),
// 130 when interrupted, 2 for bad input.

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { isLoopbackHost } from '../../engine/loopback.ts';
import { profileNamed } from '../run/profiles/index.ts';
import { remoteWriteUrlOf } from '../run/runMetrics.ts';
import { runShard } from '../shards/shardRun.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { interruptible } from './interruptible.ts';
import { parseNumberOption } from './options.ts';
import { testShapeOf, testShapeOptions, type TestShapeFlags } from './testShape.ts';
import { ensureWritableFolder } from '../outputFolder.ts';

interface ShardFlags extends TestShapeFlags {
  profile: string;
  index: string;
  of: string;
  baseUrl: string;
  out: string;
  startAt?: string;
  startFile?: string;
  applicants?: string;
  prometheus?: string;
  testid?: string;
  workers?: string;
  allowRemote?: boolean;
}

export function register(program: Command): void {
  const command = program
    .command('shard')
    .description('run one shard (--index of --of) of a profile against --base-url and write its folder (for harness collect)')
    .requiredOption('--profile <name>', 'the load profile')
    .requiredOption('--index <i>', 'this shard, 0 … of − 1 (a Kubernetes Indexed Job: $JOB_COMPLETION_INDEX)')
    .requiredOption('--of <n>', 'shards in the test')
    .requiredOption('--base-url <url>', 'the exchange under test')
    .requiredOption('--out <dir>', 'the shard folder to write');
  testShapeOptions(command)
    .option('--start-at <epochMs>', 'start the load at this time (milliseconds since the epoch), with the other shards')
    .option('--start-file <path>', 'wait for this file, then start at the time it holds (a barrier on one machine)')
    .option('--applicants <file>', "the test's applicants file, when shared (default: generated from --seed)")
    .option('--prometheus <url>', 'push metrics by remote write to this Prometheus, labelled testid and shard')
    .option('--testid <id>', 'the test this shard belongs to (default: a new id)')
    .option('--workers <n>', "the engine's worker threads (default: the machine's cores)")
    .option('--allow-remote', 'allow a --base-url outside loopback: only an exchange you are permitted to load')
    .action(async (opts: ShardFlags) => {
      const of = parseNumberOption('--of', opts.of, { integer: true, min: 1, max: 10_000 });
      const index = parseNumberOption('--index', opts.index, { integer: true, min: 0 });
      if (index >= of) throw new UsageError(`--index ${index}`, `a shard number below --of ${of} (0 … ${of - 1})`, 'Number the shards from 0.');
      let baseUrl: URL;
      try {
        baseUrl = new URL(opts.baseUrl);
      } catch {
        throw new UsageError(`--base-url ${opts.baseUrl}`, 'an absolute http(s) URL', "Give the exchange's URL, e.g. http://127.0.0.1:8080.");
      }
      if (!isLoopbackHost(baseUrl.hostname) && !opts.allowRemote) {
        throw new UsageError(
          `--base-url ${opts.baseUrl}`,
          'a loopback host (127.0.0.0/8, ::1, localhost)',
          'Add --allow-remote for an exchange you are permitted to load (a cluster run).',
        );
      }
      if (opts.startAt !== undefined && opts.startFile !== undefined)
        throw new UsageError('--start-at / --start-file', 'at most one of them', 'Give a common start time, or a start file, not both.');
      const profile = profileNamed(opts.profile);
      const shape = testShapeOf(opts);
      await interruptible(async (signal) => {
        const { record } = await runShard({
          profile,
          ...shape,
          index,
          of,
          baseUrl: baseUrl.origin,
          outDir: ensureWritableFolder(opts.out, '--out'),
          testid: opts.testid ?? `shards-${Date.now().toString(36)}`,
          ...(opts.applicants ? { applicantsFile: resolve(opts.applicants) } : {}),
          ...(opts.startAt !== undefined
            ? { start: { atMs: parseNumberOption('--start-at', opts.startAt, { integer: true, min: 0 }) } }
            : opts.startFile
              ? { start: { file: resolve(opts.startFile) } }
              : {}),
          ...(opts.prometheus ? { remoteWriteUrl: remoteWriteUrlOf(new URL(opts.prometheus)) } : {}),
          ...(opts.workers === undefined ? {} : { workers: parseNumberOption('--workers', opts.workers, { integer: true, min: 1, max: 64 }) }),
          say: (line) => process.stdout.write(`${line}\n`),
          signal,
        });
        process.stdout.write(`  shard ${index} of ${of}: ${record.exitReason}, folder ${opts.out}\n`);
        if (record.exitReason === 'interrupted') process.exitCode = 130;
      });
    });
}
