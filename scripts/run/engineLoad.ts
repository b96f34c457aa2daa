// The load phase of a run on the harness's own engine: runs the plan, writes every second's merged measurements to
// load-seconds.ndjson as they complete and the end-of-test summary to load-summary.json, and shows live progress
// (one line updated in place on a terminal; otherwise a plain line after the first second, to say the load has begun,
// then every 10 s).

import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { isOpenModel, plannedSeconds, type LoadPlan } from '../../engine/plan.ts';
import { LiveProgress } from '../../engine/progress.ts';
import { runPlan, type RunPlanResult, type SecondRow } from '../../engine/runPlan.ts';
import { rateAt, type Segment } from '../../engine/schedule.ts';
import { engineSummary, type EngineSummary } from '../../engine/summary.ts';
import type { MetricSet } from '../../engine/metricSet.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { loadSummaryJson } from '../../vocabulary/loadSummary.ts';

export interface EngineLoadOptions {
  runDir: string;
  plan: LoadPlan;
  journeyModule: string;
  journeyOptions: unknown;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Also called with every row (e.g. to push it to Prometheus). */
  onSecond?: (row: SecondRow, totals: MetricSet) => void;
  say: (line: string) => void;
  /** Aborted (Ctrl-C): no new journeys, in-flight ones get the graceful stop, and what ran is written. */
  signal?: AbortSignal;
  /** The part of the test this process runs, when it is one shard of several. */
  segment?: Segment;
  /** When every worker is ready: the epoch ms to start at (shards start together). */
  startAt?: () => number | Promise<number>;
}

/**
 * The load's outcome as the gate reads it, an exit code: 0 ran its course with every threshold held, 99 a threshold
 * crossed (at the end, or aborting the run), 130 interrupted.
 */
export function loadExitCode(exitReason: RunPlanResult['exitReason'], thresholdsHeld: boolean): number {
  if (exitReason === 'interrupted') return 130;
  return thresholdsHeld && exitReason === 'completed' ? 0 : 99;
}

/** Plain progress lines every this many seconds when the output is not a terminal. */
const PLAIN_EVERY_SECONDS = 10;

export async function runEngineLoad(options: EngineLoadOptions): Promise<{ result: RunPlanResult; summary: EngineSummary }> {
  const { plan, say } = options;
  const seconds = createWriteStream(runFile(options.runDir, 'loadSeconds'));
  const progress = new LiveProgress();
  const live = process.stdout.isTTY === true;
  const planned = plannedSeconds(plan.executor);
  let startedAt: number | undefined;
  const onSecond = (row: SecondRow, totals: MetricSet): void => {
    seconds.write(`${JSON.stringify(row)}\n`);
    options.onSecond?.(row, totals);
    startedAt ??= row.second;
    const elapsed = row.second + 1 - startedAt;
    const share = options.segment ? 1 / options.segment.of : 1;
    const line = progress.line(row, totals, {
      elapsedSeconds: elapsed,
      plannedSeconds: planned,
      ...(isOpenModel(plan.executor) ? { plannedRate: rateAt(plan.executor, elapsed) * share } : {}),
    });
    if (live) process.stdout.write(`\r\x1b[2K        ${line}`);
    else if (elapsed === 1 || elapsed % PLAIN_EVERY_SECONDS === 0) say(`        ${line}`);
  };
  try {
    const result = await runPlan({
      plan,
      journeyModule: options.journeyModule,
      journeyOptions: options.journeyOptions,
      workers: options.workers,
      onSecond,
      signal: options.signal,
      segment: options.segment,
      startAt: options.startAt,
    });
    if (live) process.stdout.write('\n');
    const summary = engineSummary(plan, result);
    writeFileSync(runFile(options.runDir, 'loadSummary'), loadSummaryJson(summary));
    return { result, summary };
  } finally {
    seconds.end();
    await once(seconds, 'close');
  }
}
