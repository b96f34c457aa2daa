// Benchmark: how many users in think time the engine holds on this machine. The targets' concurrent users (then the
// launch-day crowd, 250,000) ramped in over 30 s and held, each making the funnel's journeys at the targets' think
// time against a stub (bare node:http in its own process), so the generator is what is measured. The engine runs in a
// child process of its own: its RSS, sampled every second, and its CPU are its own. Goal: 50,000 held in ≤ 1 GiB at
// pace ≥ 0.95. ENGINE_VUS_USERS (e.g. 5000, or 50000,250000), ENGINE_VUS_RAMP_SECONDS and ENGINE_VUS_HOLD_SECONDS
// make a quick run: ENGINE_VUS_USERS=5000 ENGINE_VUS_HOLD_SECONDS=20 npm run bench vus.

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAUNCH_DAY_USERS } from '../analysis/capacityPlan.ts';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { startService } from '../scripts/run/services.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import type { Targets } from '../vocabulary/targets.ts';
import type { EngineVusResult, EngineVusRunInput, EngineVusSecond } from './engineVusRun.ts';
import type { JourneyMix } from '../vocabulary/journeys.ts';
import { envNumbers } from './envNumbers.ts';
import type { Figures } from './figures.ts';
import { availableMemoryBytes, processUsage } from './processUsage.ts';
import { idealRequestRate, littlesLawRequestRate } from './thinkPace.ts';

const DEFAULT_RAMP_SECONDS = 30;
/** Long enough after the ramp for the pace to be near the steady state Little's law describes (thinkPace.ts). */
const DEFAULT_HOLD_SECONDS = 120;
const GOAL_RSS_BYTES = 2 ** 30;
const GOAL_PACE = 0.95;
/** The engine is stopped when the machine has less memory than this left (other work shares it). */
const MEMORY_RESERVE_BYTES = 2 * 2 ** 30;
/** Sequential requests that measure the stub's own response time before each step. */
const STUB_PROBES = 200;
/** A run still going this long after its planned time is stopped. */
const OVERRUN_SECONDS = 90;
const MiB = 2 ** 20;

interface Step {
  users: number;
  /** Why the step did not run, or was stopped. */
  stopped?: string;
  result?: EngineVusResult;
  kernelPeakRssBytes: number;
  engineCpuSeconds: number;
  serverCores: number;
  wallSeconds: number;
  /** The stub's own response time (median of STUB_PROBES sequential requests): R in Little's law. */
  stubResponseSeconds: number;
  /** The machine's 1-minute load average at the step's end. */
  loadAverage: number;
}

export async function benchEngineVus(): Promise<Figures> {
  const targets = loadTargets();
  const steps = envNumbers('ENGINE_VUS_USERS', [targets.concurrentUsers, LAUNCH_DAY_USERS]);
  const [rampSeconds] = envNumbers('ENGINE_VUS_RAMP_SECONDS', [DEFAULT_RAMP_SECONDS]) as [number];
  const [holdSeconds] = envNumbers('ENGINE_VUS_HOLD_SECONDS', [DEFAULT_HOLD_SECONDS]) as [number];
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-engine-vus-'));
  const group = new ProcessGroup();
  const results: Step[] = [];
  try {
    const stub = await startService(group, { name: 'stub', main: 'bench/bareServer.ts', args: [], logFile: join(dir, 'stub.log'), readyTimeoutMs: 10_000 });
    for (const users of steps) {
      const previous = results.filter((s) => s.result).at(-1);
      const projected = previous ? (previous.kernelPeakRssBytes / previous.users) * users : 0;
      if (projected > availableMemoryBytes() - MEMORY_RESERVE_BYTES) {
        results.push({
          users,
          stopped: `not run: ${(projected / 2 ** 30).toFixed(1)} GiB projected, more than this machine has free`,
          kernelPeakRssBytes: 0,
          engineCpuSeconds: 0,
          serverCores: 0,
          wallSeconds: 0,
          stubResponseSeconds: 0,
          loadAverage: loadavg()[0]!,
        });
        continue;
      }
      const input: EngineVusRunInput = {
        journey: { url: stub.baseUrl, thinkSeconds: targets.thinkTimeSeconds, mix: targets.funnel, users, seed: 1 },
        rampSeconds,
        holdSeconds,
      };
      const stubResponseSeconds = await probeStub(stub.baseUrl);
      const step = { ...(await runStep(group, input, stub.process.child.pid!, dir)), stubResponseSeconds, loadAverage: loadavg()[0]! };
      results.push(step);
      process.stdout.write(`  ${stepLine(step, input)}\n`);
    }
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
  return figuresOf(results, rampSeconds, targets);
}

/** The stub's own response time, from this process with nothing else loading it: the median of sequential requests. */
async function probeStub(baseUrl: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < STUB_PROBES; i++) {
    const sent = performance.now();
    await (await fetch(`${baseUrl}/probe`, { signal: AbortSignal.timeout(5_000) })).arrayBuffer();
    times.push((performance.now() - sent) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function runStep(
  group: ProcessGroup,
  input: EngineVusRunInput,
  stubPid: number,
  dir: string,
): Promise<Omit<Step, 'stubResponseSeconds' | 'loadAverage'>> {
  const { users } = input.journey;
  let result: EngineVusResult | undefined;
  let rows = 0;
  let stopped: string | undefined;
  const stderrTail: string[] = [];
  const started = Date.now();
  const stubBefore = processUsage(stubPid)?.cpuSeconds ?? 0;
  const proc = group.spawn('engine', process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'engineVusRun.ts'), JSON.stringify(input)], {
    cwd: PROJECT_ROOT,
    logFile: join(dir, `engine-${users}.log`),
    onStdoutLine: (line) => {
      if (!line.startsWith('{')) return;
      const event = JSON.parse(line) as EngineVusSecond | EngineVusResult;
      if (event.event === 'result') result = event;
      else if (++rows % 10 === 0)
        process.stdout.write(
          `  ${users.toLocaleString('en-US')} users · ${rows} s · running ${event.users.toLocaleString('en-US')} · ${event.requests.toLocaleString('en-US')} req/s · RSS ${Math.round(event.rssBytes / MiB)} MiB\n`,
        );
    },
    onStderrLine: (line) => void (stderrTail.push(line) > 5 && stderrTail.shift()),
  });
  const pid = proc.child.pid!;
  let last = processUsage(pid);
  const limitSeconds = input.rampSeconds + input.holdSeconds + OVERRUN_SECONDS;
  const sampler = setInterval(() => {
    last = processUsage(pid) ?? last;
    if (!stopped && availableMemoryBytes() < MEMORY_RESERVE_BYTES) stopped = `stopped: the machine fell under ${MEMORY_RESERVE_BYTES / 2 ** 30} GiB free`;
    if (!stopped && (Date.now() - started) / 1000 > limitSeconds) stopped = `stopped: still running ${limitSeconds} s after its start`;
    if (stopped) void proc.stop(5_000);
  }, 1_000);
  const code = await proc.exited;
  clearInterval(sampler);
  const wallSeconds = (Date.now() - started) / 1000;
  if (!stopped && (code !== 0 || !result)) stopped = `the engine exited ${code}: ${stderrTail.join(' | ') || 'no message'}`;
  return {
    users,
    ...(stopped ? { stopped } : {}),
    ...(result ? { result } : {}),
    kernelPeakRssBytes: last?.peakRssBytes ?? 0,
    engineCpuSeconds: last?.cpuSeconds ?? 0,
    serverCores: ((processUsage(stubPid)?.cpuSeconds ?? stubBefore) - stubBefore) / wallSeconds,
    wallSeconds,
  };
}

interface Pace {
  achieved: number;
  littlesLaw: number;
  ideal: number;
}

/**
 * R is the stub's own response time, not the engine's measured latency: that counts the engine's lateness too, and
 * Little's law would then forgive a generator for falling behind.
 */
function paceOf(r: EngineVusResult, step: Step, rampSeconds: number, thinkSeconds: number, mix: JourneyMix): Pace {
  const { users, stubResponseSeconds: responseSeconds } = step;
  return {
    achieved: r.holdRequests / Math.max(1e-9, r.holdToSeconds - r.holdFromSeconds),
    littlesLaw: littlesLawRequestRate(users, thinkSeconds, responseSeconds, mix),
    ideal: idealRequestRate({ users, rampSeconds, fromSeconds: r.holdFromSeconds, toSeconds: r.holdToSeconds, thinkSeconds, responseSeconds, mix }),
  };
}

function stepLine(step: Step, input: EngineVusRunInput): string {
  const r = step.result;
  if (!r) return `${step.users.toLocaleString('en-US')} users: ${step.stopped}`;
  const pace = paceOf(r, step, input.rampSeconds, input.journey.thinkSeconds, input.journey.mix);
  return [
    `${step.users.toLocaleString('en-US')} users: held ${r.peakUsers.toLocaleString('en-US')}`,
    `RSS ${Math.round(r.peakRssBytes / MiB)} MiB`,
    `${(r.holdCpuSeconds / Math.max(1e-9, r.holdWallSeconds)).toFixed(2)} cores (${(r.holdRunQueueSeconds / Math.max(1e-9, r.holdWallSeconds)).toFixed(2)} threads waiting for one; load ${step.loadAverage.toFixed(1)})`,
    `${Math.round(pace.achieved).toLocaleString('en-US')} req/s of ${Math.round(pace.littlesLaw).toLocaleString('en-US')} (pace ${(pace.achieved / pace.littlesLaw).toFixed(3)}; ideal ${(pace.ideal / pace.littlesLaw).toFixed(3)})`,
    `p95 ${r.holdP95Ms.toFixed(1)} ms${step.stopped ? ` · ${step.stopped}` : ''}`,
  ].join(' · ');
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

function figuresOf(steps: Step[], rampSeconds: number, targets: Targets): Figures {
  const { thinkTimeSeconds: thinkSeconds, funnel: mix, concurrentUsers: goalUsers } = targets;
  const cores = availableParallelism();
  const figures: Figures = {};
  for (const step of steps) {
    const at = `engine-vus ${step.users.toLocaleString('en-US')}`;
    const r = step.result;
    if (!r) {
      figures[`${at}: users held`] = { value: 0, unit: `users (${step.stopped})` };
      continue;
    }
    const pace = paceOf(r, step, rampSeconds, thinkSeconds, mix);
    const holdCores = r.holdCpuSeconds / Math.max(1e-9, r.holdWallSeconds);
    const goal = step.users === goalUsers;
    figures[`${at}: users held (peak active_users)`] = {
      value: r.peakUsers,
      unit: `users of ${step.users.toLocaleString('en-US')}${step.stopped ? ` (${step.stopped})` : ''}`,
    };
    figures[`${at}: peak RSS (sampled each second)`] = { value: Math.round(r.peakRssBytes / MiB), unit: goal ? 'MiB (goal ≤ 1024)' : 'MiB' };
    figures[`${at}: peak RSS (kernel's high-water mark)`] = { value: Math.round(step.kernelPeakRssBytes / MiB), unit: 'MiB' };
    figures[`${at}: RSS per user (peak RSS ÷ users)`] = { value: round3(r.peakRssBytes / 1024 / step.users), unit: 'KiB' };
    figures[`${at}: engine CPU during the hold`] = { value: round3(holdCores), unit: `cores (${Math.round((100 * holdCores) / cores)} % of ${cores})` };
    figures[`${at}: engine threads waiting for a CPU during the hold`] = {
      value: round3(r.holdRunQueueSeconds / Math.max(1e-9, r.holdWallSeconds)),
      unit: `threads on average, runnable but not run (machine load average ${step.loadAverage.toFixed(1)})`,
    };
    figures[`${at}: engine CPU over the run`] = { value: round3(step.engineCpuSeconds / step.wallSeconds), unit: 'cores' };
    figures[`${at}: stub server CPU over the run`] = { value: round3(step.serverCores), unit: 'cores' };
    figures[`${at}: hold measured`] = { value: round3(r.holdToSeconds - r.holdFromSeconds), unit: `s (from ${round3(r.holdFromSeconds)} s)` };
    figures[`${at}: requests a second in the hold`] = { value: Math.round(pace.achieved), unit: 'req/s' };
    figures[`${at}: the stub's response time (median of ${STUB_PROBES} sequential requests)`] = { value: round3(step.stubResponseSeconds * 1000), unit: 'ms' };
    figures[`${at}: Little's law rate (users ÷ (think + the stub's response time))`] = { value: Math.round(pace.littlesLaw), unit: 'req/s' };
    figures[`${at}: pace (achieved ÷ Little's law)`] = {
      value: round3(pace.achieved / pace.littlesLaw),
      unit: `ratio (goal ≥ ${GOAL_PACE}; an ideal generator: ${round3(pace.ideal / pace.littlesLaw)} in this window)`,
    };
    figures[`${at}: pace against an ideal generator (same ramp, journeys, window)`] = { value: round3(pace.achieved / pace.ideal), unit: 'ratio' };
    figures[`${at}: latency mean`] = { value: round3(r.holdMeanResponseMs), unit: 'ms (from when each request was due)' };
    figures[`${at}: of which waiting for a connection (mean)`] = { value: round3(r.holdMeanBlockedMs), unit: 'ms' };
    figures[`${at}: of which time to first byte (mean, as the engine read it)`] = { value: round3(r.holdMeanWaitingMs), unit: 'ms' };
    figures[`${at}: of which the rest: the engine late to send (mean)`] = {
      value: round3(r.holdMeanResponseMs - r.holdMeanBlockedMs - r.holdMeanWaitingMs),
      unit: 'ms',
    };
    figures[`${at}: latency p95`] = { value: round3(r.holdP95Ms), unit: 'ms' };
    figures[`${at}: latency p99`] = { value: round3(r.holdP99Ms), unit: 'ms' };
    figures[`${at}: failed requests`] = {
      value: r.failedRequests,
      unit: `requests${r.journeyErrors.length > 0 ? ` (journey errors: ${r.journeyErrors.join('; ')})` : ''}`,
    };
    if (goal) {
      const met = !step.stopped && r.peakUsers >= goalUsers && r.peakRssBytes <= GOAL_RSS_BYTES && pace.achieved / pace.littlesLaw >= GOAL_PACE;
      figures[`engine-vus: goal (${goalUsers.toLocaleString('en-US')} held in ≤ 1 GiB at pace ≥ ${GOAL_PACE})`] = {
        value: met ? 1 : 0,
        unit: met ? 'met' : 'missed',
      };
    }
  }
  return figures;
}
