// Benchmark: the engine's own ceiling against the tools people trust. One bare node:http server, in its own process
// so no generator shares its event loop, loaded 10 s each by wrk, autocannon and `harness hit --vus 50 --think 0`,
// all with 50 connections, in two interleaved rounds (the second in reverse order, so drift on a shared machine
// falls on every tool alike). Requests a second, p50/p99, and each tool's ratio to wrk; goal hit/wrk ≥ 0.6 (k6: 0.29).
// Beside them, undici's floor: a bare loop of 50 users over an undici Pool (bench/undiciLoop.ts), so what the engine
// costs over the library it is built on is read as hit/undici in the same round.

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { startService } from '../scripts/run/services.ts';
import type { Figures } from './figures.ts';
import { processUsage } from './processUsage.ts';
import { ensureWrk, wrkArgs } from './wrk.ts';
import { parseWrkOutput } from './wrkOutput.ts';

const CONNECTIONS = 50;
const SECONDS = 10;
const ROUNDS = 2;
/** A load that has not ended this long after its planned time is stopped (and the bench fails). */
const OVERRUN_SECONDS = 60;
const GOAL = 0.6;
const K6_RATIO = 0.29;

type Tool = 'wrk' | 'autocannon' | 'undici' | 'hit';
const ORDER: Tool[] = ['wrk', 'autocannon', 'undici', 'hit'];

interface Load {
  requestsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  errors: number;
  /** CPU the server and the generator used, in cores over the load's planned seconds. */
  serverCores: number;
  generatorCores: number;
}

/** The command line that loads `url` with each tool, and how to read its output. */
function command(tool: Tool, url: string): { file: string; args: string[]; read: (stdout: string) => Omit<Load, 'serverCores' | 'generatorCores'> } {
  switch (tool) {
    case 'wrk':
      return {
        file: 'wrk',
        args: wrkArgs({ url, connections: CONNECTIONS, seconds: SECONDS }),
        read: (stdout) => {
          const f = parseWrkOutput(stdout);
          return { requestsPerSecond: f.requestsPerSecond, p50Ms: f.latencyMs[50] ?? null, p99Ms: f.latencyMs[99] ?? null, errors: f.errors };
        },
      };
    case 'autocannon':
      return {
        file: join(PROJECT_ROOT, 'node_modules', '.bin', 'autocannon'),
        args: ['-c', String(CONNECTIONS), '-d', String(SECONDS), '--json', url],
        read: (stdout) => {
          const j = JSON.parse(lastJsonLine(stdout)) as {
            requests: { total: number };
            duration: number;
            latency: { p50: number; p99: number };
            errors: number;
            non2xx: number;
          };
          return { requestsPerSecond: j.requests.total / j.duration, p50Ms: j.latency.p50, p99Ms: j.latency.p99, errors: j.errors + j.non2xx };
        },
      };
    case 'undici':
      return {
        file: process.execPath,
        args: ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'undiciLoop.ts'), url, String(CONNECTIONS), String(SECONDS)],
        read: (stdout) => JSON.parse(lastJsonLine(stdout)) as Omit<Load, 'serverCores' | 'generatorCores'>,
      };
    case 'hit':
      return {
        file: process.execPath,
        args: [join(PROJECT_ROOT, 'bin', 'harness.mjs'), 'hit', url, '--vus', String(CONNECTIONS), '--think', '0', '--duration', `${SECONDS}s`, '--json'],
        read: (stdout) => {
          const j = JSON.parse(lastJsonLine(stdout)) as { rate: { achieved: number }; latencyMs: { p50: number | null; p99: number | null }; errors: number };
          return { requestsPerSecond: j.rate.achieved, p50Ms: j.latencyMs.p50, p99Ms: j.latencyMs.p99, errors: j.errors };
        },
      };
  }
}

function lastJsonLine(stdout: string): string {
  const line = stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .at(-1);
  if (!line) throw new Error(`no JSON line in the output: ${stdout.slice(0, 500)}`);
  return line;
}

async function runLoad(group: ProcessGroup, tool: Tool, url: string, serverPid: number, dir: string): Promise<Load> {
  const { file, args, read } = command(tool, url);
  const lines: string[] = [];
  const stderrTail: string[] = [];
  const serverBefore = processUsage(serverPid)?.cpuSeconds ?? 0;
  const proc = group.spawn(tool, file, args, {
    cwd: PROJECT_ROOT,
    logFile: join(dir, `${tool}.log`),
    onStdoutLine: (line) => lines.push(line),
    onStderrLine: (line) => void (stderrTail.push(line) > 5 && stderrTail.shift()),
  });
  const pid = proc.child.pid;
  // The generator's CPU read until it exits (the last sample at most 200 ms before).
  let generatorCpu = 0;
  const sampler = setInterval(() => (generatorCpu = (pid && processUsage(pid)?.cpuSeconds) || generatorCpu), 200);
  const overrun = setTimeout(() => void proc.stop(2_000), (SECONDS + OVERRUN_SECONDS) * 1000);
  const code = await proc.exited;
  clearInterval(sampler);
  clearTimeout(overrun);
  const serverCores = ((processUsage(serverPid)?.cpuSeconds ?? serverBefore) - serverBefore) / SECONDS;
  // hit exits 1 when a request failed: its figures still stand, and the errors are reported.
  if (code !== 0 && !(tool === 'hit' && code === 1))
    throw new Error(`${tool} against ${url} exited ${code}: ${[...lines.slice(-3), ...stderrTail].join(' | ') || 'no message'}`);
  return { ...read(lines.join('\n')), serverCores, generatorCores: generatorCpu / SECONDS };
}

export async function benchEngineCalibration(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-calibration-'));
  const group = new ProcessGroup();
  const say = (line: string): void => void process.stdout.write(`  ${line}\n`);
  const wrkMissing = ensureWrk(say);
  if (wrkMissing) say(`wrk is missing and could not be installed (${wrkMissing}): skipped; ratios are not computed`);
  const tools = ORDER.filter((t) => t !== 'wrk' || !wrkMissing);
  const rounds: Array<Partial<Record<Tool, Load>>> = [];
  const loads: number[] = [];
  try {
    const server = await startService(group, { name: 'bare', main: 'bench/bareServer.ts', args: [], logFile: join(dir, 'bare.log'), readyTimeoutMs: 10_000 });
    const serverPid = server.process.child.pid!;
    const url = `${server.baseUrl}/`;
    for (let r = 0; r < ROUNDS; r++) {
      const round: Partial<Record<Tool, Load>> = {};
      for (const tool of r % 2 === 0 ? tools : [...tools].reverse()) {
        const load = await runLoad(group, tool, url, serverPid, dir);
        round[tool] = load;
        say(
          `round ${r + 1} ${tool.padEnd(10)} ${Math.round(load.requestsPerSecond).toLocaleString('en-US')} req/s · p50 ${load.p50Ms ?? '–'} ms · p99 ${load.p99Ms ?? '–'} ms · server ${load.serverCores.toFixed(2)} cores, generator ${load.generatorCores.toFixed(2)} cores`,
        );
      }
      rounds.push(round);
      loads.push(loadavg()[0]!);
    }
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
  return calibrationFigures(rounds, loads, wrkMissing);
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const TOOL_NAME: Record<Tool, string> = { wrk: 'wrk', autocannon: 'autocannon', undici: 'undici Pool loop', hit: `harness hit --vus ${CONNECTIONS}` };

function calibrationFigures(rounds: Array<Partial<Record<Tool, Load>>>, loads: number[], wrkMissing: string | undefined): Figures {
  const figures: Figures = {
    'engine-calibration: connections, seconds per load': { value: CONNECTIONS, unit: `connections × ${SECONDS} s, ${rounds.length} rounds` },
  };
  const ratioUnit = (tool: Tool): string => (tool === 'hit' ? `ratio (goal ≥ ${GOAL}; k6 was ${K6_RATIO})` : 'ratio');
  rounds.forEach((round, r) => {
    figures[`engine-calibration: round ${r + 1} machine load average`] = {
      value: round3(loads[r] ?? 0),
      unit: `(1 min, at the round's end, on ${availableParallelism()} cores)`,
    };
    for (const tool of ORDER) {
      const load = round[tool];
      if (!load) continue;
      const at = `engine-calibration: round ${r + 1} ${TOOL_NAME[tool]}`;
      figures[`${at} requests/s`] = { value: Math.round(load.requestsPerSecond), unit: 'req/s' };
      if (load.p50Ms !== null) figures[`${at} p50`] = { value: round3(load.p50Ms), unit: 'ms' };
      if (load.p99Ms !== null) figures[`${at} p99`] = { value: round3(load.p99Ms), unit: 'ms' };
      figures[`${at} errors`] = { value: load.errors, unit: 'requests' };
      figures[`${at} server CPU`] = { value: round3(load.serverCores), unit: 'cores' };
      figures[`${at} generator CPU`] = {
        value: round3(load.generatorCores),
        unit: tool === 'hit' || tool === 'undici' ? 'cores (its start-up included)' : 'cores',
      };
      if (round.wrk && tool !== 'wrk')
        figures[`engine-calibration: round ${r + 1} ${tool}/wrk`] = {
          value: round3(load.requestsPerSecond / round.wrk.requestsPerSecond),
          unit: ratioUnit(tool),
        };
    }
    if (round.hit && round.undici)
      figures[`engine-calibration: round ${r + 1} hit/undici`] = {
        value: round3(round.hit.requestsPerSecond / round.undici.requestsPerSecond),
        unit: 'ratio (the engine against the bare library)',
      };
  });
  if (wrkMissing) {
    figures['engine-calibration: wrk'] = { value: 0, unit: `missing: ${wrkMissing}` };
    return figures;
  }
  // Over both rounds: the ratio of the summed rates (each load ran the same seconds).
  const total = (tool: Tool): number => rounds.reduce((sum, round) => sum + (round[tool]?.requestsPerSecond ?? 0), 0);
  for (const tool of ['autocannon', 'undici', 'hit'] as const)
    figures[`engine-calibration: all rounds ${tool}/wrk`] = { value: round3(total(tool) / total('wrk')), unit: ratioUnit(tool) };
  figures['engine-calibration: all rounds hit/undici'] = { value: round3(total('hit') / total('undici')), unit: 'ratio (the engine against the bare library)' };
  return figures;
}
