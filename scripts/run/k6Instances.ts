// One test split across N local k6 instances: each on its execution segment with its own slice of the applicants,
// its own config, log, samples and ledger in instances/<i>/, tagged with its `instance` and the run's `testid`.
// All start paused and are resumed together once every one is ready, so none runs ahead; their ledgers are merged
// for reconciliation and their summaries into one k6-summary.json judged on the aggregate.

import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { aggregateExitCode, aggregateSummaries, trendKeysOf, type AggregateSummary, type InstanceSummary } from '../../analysis/aggregateSummary.ts';
import { mergeTrends } from '../../analysis/trendHistogram.ts';
import { readTrendHistograms } from '../analysis/trendHistograms.ts';
import { instanceDir, runFile } from '../runFiles.ts';
import { UsageError } from '../usageError.ts';
import { resume, waitPausedBeforeRun } from './k6Api.ts';
import { startK6, type K6RunOptions } from './k6Run.ts';
import { applicantSlices, executionSegments, type ApplicantSlice } from './instanceSplit.ts';
import { freeLoopbackPort } from './freePort.ts';
import { extractLedger } from './ledgerLog.ts';
import type { ProcessGroup } from './processes.ts';

/** Initialising VUs takes k6 about 0.5 MiB and a little time each: a large split test needs minutes before it runs. */
const READY_TIMEOUT_MS = 5 * 60_000;

export interface SplitRunOptions extends Omit<K6RunOptions, 'configFile' | 'logFile' | 'samplesFile' | 'instance' | 'onLine'> {
  runDir: string;
  instances: number;
  testid: string;
  /** The run's k6 config (as one instance would get it); each instance's copy names its own files. */
  config: Record<string, unknown>;
  /** Applicants the profile planned for the whole test: each instance gets its slice of them, with headroom. */
  plannedApplicants: number;
  onLine: (instance: number, line: string) => void;
}

export interface SplitRunOutcome {
  /** The split test's exit code, as one k6's: an instance's own failure, else 99 when the aggregate crosses a threshold. */
  exitCode: number;
  instanceExitCodes: number[];
  /** Confirmations in the merged ledger. */
  confirmed: number;
  summary: AggregateSummary | undefined;
}

/** The applicants each instance needs for a plan of `planned`: the run generates this many. */
export function applicantsForInstances(planned: number, instances: number): number {
  return applicantSlices(planned, instances).at(-1)!.to;
}

/** Writes each slice of the run's applicants file to its instance's folder. */
async function writeSlices(applicantsFile: string, slices: readonly ApplicantSlice[], files: readonly string[]): Promise<void> {
  const outs: WriteStream[] = files.map((file) => createWriteStream(file));
  let index = 0;
  for await (const line of createInterface({ input: createReadStream(applicantsFile), crlfDelay: Infinity })) {
    if (line.length === 0) continue;
    const slice = slices.findIndex((s) => index >= s.from && index < s.to);
    index += 1;
    if (slice !== -1 && !outs[slice]!.write(`${line}\n`)) await once(outs[slice]!, 'drain');
  }
  await Promise.all(outs.map((out) => (out.end(), once(out, 'finish'))));
  if (index < slices.at(-1)!.to) throw new UsageError(applicantsFile, `${slices.at(-1)!.to} applicants for ${slices.length} instances`, 'It holds fewer; re-run.');
}

/** Concatenates files (gzip members concatenate into one valid gzip stream). */
async function concatenate(parts: readonly string[], target: string): Promise<void> {
  const out = createWriteStream(target);
  for (const part of parts.filter((p) => existsSync(p))) {
    for await (const chunk of createReadStream(part)) if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function startAll(group: ProcessGroup, options: SplitRunOptions, dirs: readonly string[]) {
  const segments = executionSegments(options.instances);
  return Promise.all(
    dirs.map(async (dir, i) => {
      const configFile = runFile(dir, 'k6Config');
      writeFileSync(
        configFile,
        JSON.stringify({ ...options.config, applicantsFile: runFile(dir, 'applicants'), summaryFile: runFile(dir, 'k6Summary'), applicantIndex: 'instance' }, null, 2),
      );
      const address = `127.0.0.1:${await freeLoopbackPort()}`;
      const k6 = startK6(group, {
        ...options,
        configFile,
        logFile: runFile(dir, 'k6Log'),
        samplesFile: runFile(dir, 'k6Samples'),
        instance: { segment: segments[i]!, tags: { instance: String(i), testid: options.testid }, pausedAt: address },
        onLine: (line) => options.onLine(i, line),
      });
      return { address, k6 };
    }),
  );
}

async function aggregate(dirs: readonly string[]): Promise<AggregateSummary | undefined> {
  const summaries = dirs.map((dir) => runFile(dir, 'k6Summary')).filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, 'utf8')) as InstanceSummary);
  if (summaries.length !== dirs.length) return undefined;
  const keys = trendKeysOf(summaries);
  const perInstance = await Promise.all(dirs.map((dir) => readTrendHistograms(runFile(dir, 'k6Samples'), keys)));
  const merged = new Map(keys.map((key) => [key, mergeTrends(perInstance.map((trends) => trends.get(key)!))]));
  return aggregateSummaries(summaries, merged);
}

export async function runK6Split(group: ProcessGroup, options: SplitRunOptions): Promise<SplitRunOutcome> {
  const { runDir, instances } = options;
  const dirs = Array.from({ length: instances }, (_, i) => instanceDir(runDir, i));
  for (const dir of dirs) mkdirSync(dir, { recursive: true });
  await writeSlices(runFile(runDir, 'applicants'), applicantSlices(options.plannedApplicants, instances), dirs.map((dir) => runFile(dir, 'applicants')));

  const started = await startAll(group, options, dirs);
  const ready = await Promise.all(started.map(({ address, k6 }) => waitPausedBeforeRun(address, k6.exited, READY_TIMEOUT_MS)));
  const notReady = ready.flatMap((ok, i) => (ok ? [] : [i]));
  if (notReady.length > 0) {
    await Promise.all(started.map(({ k6 }) => k6.stop(5_000)));
    throw new UsageError(
      `k6 instance(s) ${notReady.join(', ')} of ${instances}`,
      `to initialise their VUs and wait paused within ${READY_TIMEOUT_MS / 1000} s`,
      `See ${dirs[notReady[0]!]}/k6.log; lower --instances or --scale.`,
    );
  }
  await Promise.all(started.map(({ address }) => resume(address)));
  const instanceExitCodes = await Promise.all(started.map(({ k6 }) => k6.exited));

  const counts = await Promise.all(dirs.map((dir) => extractLedger(runFile(dir, 'k6Log'), runFile(dir, 'ledger'))));
  await concatenate(dirs.map((dir) => runFile(dir, 'ledger')), runFile(runDir, 'ledger'));
  await concatenate(dirs.map((dir) => runFile(dir, 'k6Samples')), runFile(runDir, 'k6Samples'));
  const summary = await aggregate(dirs);
  if (summary) writeFileSync(runFile(runDir, 'k6Summary'), `${JSON.stringify(summary, null, 2)}\n`);
  return { exitCode: aggregateExitCode(instanceExitCodes, summary), instanceExitCodes, confirmed: counts.reduce((a, b) => a + b, 0), summary };
}
