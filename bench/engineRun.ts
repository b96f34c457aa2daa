// A benchmark's load in a child process of its own: runs a plan on the engine (runPlan) with a journey module and
// writes the end-of-test summary (engine/summary.ts, as a run's load-summary.json) to a file, so the memory and CPU
// the benchmark reads for this process are the engine's alone. On stdout: one JSON line a second
// ({"event":"second",…}) and one at the end ({"event":"result",…}). SIGTERM stops the load gracefully.
// Usage: node --import tsx bench/engineRun.ts '<EngineRunInput as JSON>'

import { writeFileSync } from 'node:fs';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { SeriesSnapshot } from '../engine/metricSet.ts';
import type { LoadPlan } from '../engine/plan.ts';
import { runPlan, type ExitReason } from '../engine/runPlan.ts';
import { engineSummary } from '../engine/summary.ts';

export interface EngineRunInput {
  plan: LoadPlan;
  /** Absolute path of the journey module. */
  journeyModule: string;
  journeyOptions: unknown;
  /** Where the summary goes (format harness-summary/1). */
  summaryFile: string;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
}

export interface EngineRunSecond {
  event: 'second';
  second: number;
  /** Requests answered in the second, and users running (closed model) or journeys in flight (open) at its end. */
  requests: number;
  users: number;
}

export interface EngineRunResult {
  event: 'result';
  /** Epoch ms of the test's start and of its end (graceful stop included). */
  startedAtMs: number;
  endedAtMs: number;
  exitReason: ExitReason;
  journeyErrors: string[];
  workers: number;
}

const write = (line: EngineRunSecond | EngineRunResult): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const sumOf = (series: readonly SeriesSnapshot[], name: string): number => series.reduce((sum, s) => (s.name === name ? sum + s.sum : sum), 0);

async function main(input: EngineRunInput): Promise<void> {
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const result = await runPlan({
    plan: input.plan,
    journeyModule: input.journeyModule,
    journeyOptions: input.journeyOptions,
    workers: input.workers,
    signal: stop.signal,
    onSecond: ({ second, series }) =>
      write({ event: 'second', second, requests: sumOf(series, ENGINE_METRICS.requests), users: sumOf(series, ENGINE_METRICS.activeUsers) }),
  });
  writeFileSync(input.summaryFile, `${JSON.stringify(engineSummary(input.plan, result), null, 2)}\n`);
  write({
    event: 'result',
    startedAtMs: result.startedAtMs,
    endedAtMs: result.endedAtMs,
    exitReason: result.exitReason,
    journeyErrors: result.journeyErrors,
    workers: result.workers,
  });
}

await main(JSON.parse(process.argv[2] ?? '{}') as EngineRunInput);
