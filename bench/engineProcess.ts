// Runs a benchmark's load in its own process (bench/engineRun.ts) and measures, over the test's own window (its
// start to its end, not the child's start-up), the cores each process used: the engine and the servers it loads.

import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { EngineSummary } from '../engine/summary.ts';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import type { ProcessGroup } from '../scripts/run/processes.ts';
import type { Figures } from './figures.ts';
import type { EngineRunInput, EngineRunResult, EngineRunSecond } from './engineRun.ts';
import { processTreeCpuSeconds, processUsage } from './processUsage.ts';

export interface EngineProcessOptions {
  input: EngineRunInput;
  /** Names the load in progress lines and errors. */
  label: string;
  logFile: string;
  /** The processes under load, by name → pid: their CPU (with their descendants') over the same window. */
  watch: Record<string, number>;
  /** The child is stopped when it is still running this long after it started. */
  limitSeconds: number;
  /** A line every 10 s of load; none when omitted. */
  say?: (line: string) => void;
  /** Node options before the script (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
}

export interface EngineProcessOutcome {
  result: EngineRunResult;
  summary: EngineSummary;
  /** CPU seconds ÷ wall seconds over the test, per process: `engine` (the child) and each watched one. */
  cores: Record<string, number>;
  /** The engine process's resident memory at its peak (the kernel's high-water mark). */
  enginePeakRssBytes: number;
}

interface CpuSample {
  at: number;
  cpu: Record<string, number>;
}

const SAMPLE_EVERY_MS = 250;

export async function runEngineProcess(group: ProcessGroup, options: EngineProcessOptions): Promise<EngineProcessOutcome> {
  const { input, label, say } = options;
  let result: EngineRunResult | undefined;
  let seconds = 0;
  const stderrTail: string[] = [];
  const proc = group.spawn(
    `engine (${label})`,
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', join(PROJECT_ROOT, 'bench', 'engineRun.ts'), JSON.stringify(input)],
    {
      cwd: PROJECT_ROOT,
      logFile: options.logFile,
      onStdoutLine: (line) => {
        if (!line.startsWith('{')) return;
        const event = JSON.parse(line) as EngineRunSecond | EngineRunResult;
        if (event.event === 'result') result = event;
        else if (++seconds % 10 === 0)
          say?.(`  ${label} · ${seconds} s · ${event.requests.toLocaleString('en-US')} req/s · ${event.users.toLocaleString('en-US')} users`);
      },
      onStderrLine: (line) => void (stderrTail.push(line) > 5 && stderrTail.shift()),
    },
  );
  const pids: Record<string, number> = { engine: proc.child.pid!, ...options.watch };
  const samples: CpuSample[] = [];
  let enginePeakRssBytes = 0;
  const started = Date.now();
  let overran = false;
  const sample = (): void => {
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const used = name === 'engine' ? processUsage(pid)?.cpuSeconds : processTreeCpuSeconds(pid);
      if (used !== undefined) cpu[name] = used;
    }
    samples.push({ at: Date.now(), cpu });
    enginePeakRssBytes = Math.max(enginePeakRssBytes, processUsage(pids.engine!)?.peakRssBytes ?? 0);
    if (!overran && (Date.now() - started) / 1000 > options.limitSeconds) {
      overran = true;
      void proc.stop(5_000);
    }
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  const code = await proc.exited;
  clearInterval(sampler);
  if (overran) throw new Error(`${label}: the engine was still running ${options.limitSeconds} s after it started, and was stopped`);
  if (code !== 0 || !result) throw new Error(`${label}: the engine exited ${code}: ${stderrTail.join(' | ') || 'no message'} (log: ${options.logFile})`);
  const summary = JSON.parse(readFileSync(input.summaryFile, 'utf8')) as EngineSummary;
  return { result, summary, cores: coresOver(samples, result.startedAtMs, result.endedAtMs), enginePeakRssBytes };
}

/** Each process's cores between the first sample at or after `fromMs` and the last at or before `toMs`. */
function coresOver(samples: CpuSample[], fromMs: number, toMs: number): Record<string, number> {
  const window = samples.filter((s) => s.at >= fromMs && s.at <= toMs);
  const first = window[0];
  const last = window.at(-1);
  if (!first || !last || last.at - first.at < 1_000) return {};
  const cores: Record<string, number> = {};
  for (const name of Object.keys(last.cpu)) {
    const before = first.cpu[name];
    if (before !== undefined) cores[name] = (last.cpu[name]! - before) / ((last.at - first.at) / 1000);
  }
  return cores;
}

/** A process's cores as a figure: the cores it used and its share of the machine's. */
export function coresFigure(cores: number | undefined): Figures[string] {
  const machine = availableParallelism();
  if (cores === undefined) return { value: 0, unit: 'cores (not measured: the test was shorter than 1 s)' };
  return { value: Math.round(cores * 1000) / 1000, unit: `cores (${Math.round((100 * cores) / machine)} % of the machine's ${machine})` };
}
