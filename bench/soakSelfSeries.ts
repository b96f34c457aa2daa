// The harness soaking itself (`npm run bench -- soak-self`), its pure core: which child of the harness process is the
// exchange and which the insurer, the load's window from its per-second rows, each process's memory and open file
// descriptors judged flat or drifting after the warm-up by the same soak verdict `harness soak` gives a run
// (analysis/soak.ts), and the run folder's size per hour.

import { soakVerdict, type SoakResult } from '../analysis/soak.ts';
import type { LoadPlan } from '../engine/plan.ts';
import { EXCHANGE_MAIN, INSURER_MAIN } from '../mock-exchange/service/commandLines.ts';
import type { SecondRow } from '../engine/runPlan.ts';

/** The engine is the harness process itself (its load runs on worker threads inside it); the services are its children. */
export const WATCHED = ['engine', 'exchange', 'insurer'] as const;
export type Watched = (typeof WATCHED)[number];

/** The mock services' main modules as the run starts them (scripts/run/pipeline.ts), found in a child's command line. */
const SERVICE_MAINS: Record<Exclude<Watched, 'engine'>, string> = {
  exchange: EXCHANGE_MAIN,
  insurer: INSURER_MAIN,
};

export function serviceOfCommandLine(commandLine: string): Exclude<Watched, 'engine'> | undefined {
  for (const [service, main] of Object.entries(SERVICE_MAINS) as [Exclude<Watched, 'engine'>, string][]) {
    if (commandLine.split(' ').some((arg) => arg === main || arg.endsWith(`/${main}`))) return service;
  }
  return undefined;
}

export interface ProcessSample {
  /** Epoch ms. */
  at: number;
  process: Watched;
  rssBytes: number;
  fds: number;
}

export interface LoadWindow {
  startMs: number;
  endMs: number;
}

/** The load's first and last second from load-seconds.ndjson: [first row's second, last row's second + 1). */
export function loadWindowOf(text: string): LoadWindow | undefined {
  const lines = text.split('\n').filter((line) => line.trim().length > 0);
  if (lines.length === 0) return undefined;
  const first = JSON.parse(lines[0]!) as Pick<SecondRow, 'second'>;
  const last = JSON.parse(lines.at(-1)!) as Pick<SecondRow, 'second'>;
  if (!Number.isFinite(first.second) || !Number.isFinite(last.second)) throw new Error('load-seconds.ndjson: a row with no numeric "second"');
  return { startMs: first.second * 1000, endMs: (last.second + 1) * 1000 };
}

/**
 * The warm-up a process series is judged after: `harness soak`'s (`soakWindows`), or longer when the load is not yet
 * steady by then — the soak profile ramps over its first 5 % (6 minutes of 2 hours), and the journeys in flight keep
 * growing for one journey's length after the ramp (the graceful stop is the longest journey plus a margin).
 */
export function steadyWarmupSeconds(defaultWarmupSeconds: number, plan: Pick<LoadPlan, 'executor' | 'gracefulStopSeconds'>): number {
  const { executor } = plan;
  const rampSeconds = executor.executor === 'ramping-arrival-rate' && executor.stages.length > 1 ? executor.stages[0]!.seconds : 0;
  return Math.max(defaultWarmupSeconds, rampSeconds + plan.gracefulStopSeconds);
}

export const MEASURES = { memory: 'resident memory', fds: 'open file descriptors' } as const;

export interface ProcessSoakResult extends SoakResult {
  process: Watched;
  measure: keyof typeof MEASURES;
  unit: 'MiB' | 'fds';
}

const MiB = 1024 ** 2;

/**
 * Each process's resident memory (MiB) and open file descriptors over the load's window, seconds from its start,
 * judged after `warmupSeconds` as `harness soak` judges a run's series (same verdict, same defaults).
 */
export function judgeProcessSamples(samples: readonly ProcessSample[], window: LoadWindow, warmupSeconds: number): ProcessSoakResult[] {
  const inLoad = samples.filter((s) => s.at >= window.startMs && s.at <= window.endMs);
  const results: ProcessSoakResult[] = [];
  for (const process of WATCHED) {
    const own = inLoad.filter((s) => s.process === process);
    const t = (s: ProcessSample): number => (s.at - window.startMs) / 1000;
    results.push({
      process,
      measure: 'memory',
      unit: 'MiB',
      ...soakVerdict(
        own.map((s) => ({ t: t(s), value: s.rssBytes / MiB })),
        { warmupSeconds },
      ),
    });
    results.push({
      process,
      measure: 'fds',
      unit: 'fds',
      ...soakVerdict(
        own.map((s) => ({ t: t(s), value: s.fds })),
        { warmupSeconds },
      ),
    });
  }
  return results;
}

/** Bytes over `seconds`, scaled to an hour. */
export function bytesPerHour(bytes: number, seconds: number): number {
  if (!(seconds > 0)) throw new RangeError(`bytesPerHour: ${seconds} s is no duration`);
  return (bytes / seconds) * 3600;
}

/** The `n` largest entries of a folder by size, largest first (ties by name). */
export function largestEntries(sizes: Readonly<Record<string, number>>, n: number): [string, number][] {
  return Object.entries(sizes)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, n);
}
