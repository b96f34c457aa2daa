// Benchmark: how many concurrent users one machine simulates. Steps of concurrency-profile VUs (1k, 5k, 10k, 20k,
// 50k), each a consumer in think time making the enrollment journey's real requests at the targets' pace against
// the mock exchange on the same two cores; k6's memory (RSS) and CPU measured from /proc. Stops at the first step
// that fails: k6 slow to start its VUs, short of memory, behind the pace, or the exchange past its SLO. Goal: 50,000.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeApplicantsFile } from '../applicants/writeFile.ts';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { concurrency } from '../scripts/run/profiles/concurrency.ts';
import { k6Config } from '../scripts/run/k6Config.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import { ensureK6 } from '../scripts/tools/k6.ts';
import type { Figures } from './figures.ts';
import { startMockServices } from './mockServices.ts';
import { availableMemoryBytes, processUsage } from './processUsage.ts';
import { ENROLL_ONLY } from '../scenarios/lib/journeyShape.ts';
import { expectedRequestsPerVu } from './vuPace.ts';

export const VU_STEPS = [1_000, 5_000, 10_000, 20_000, 50_000];
/** Each step holds its VUs this long once k6 has started them all (journeys under way are cut at the end)… */
const HOLD_SECONDS = 30;
/** …after at most this long for k6 to initialise them. */
const INIT_LIMIT_SECONDS = 90;
/** A step passes when its VUs made at least this share of the requests the pace implies. */
const MIN_PACE = 0.9;
/** k6 is stopped when the machine has less memory than this left (other work shares it). */
const MEMORY_RESERVE_BYTES = 2 * 2 ** 30;
const MiB = 2 ** 20;

interface StepResult {
  vus: number;
  pass: boolean;
  reason: string;
  initSeconds: number;
  peakRssBytes: number;
  cpuCoresInit: number;
  cpuCoresHold: number;
  requestsPerSecond: number;
  pace: number;
  p95Ms: number;
}

export async function benchVus(steps = VU_STEPS): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-vus-'));
  const group = new ProcessGroup();
  const targets = loadTargets();
  const results: StepResult[] = [];
  try {
    const k6 = ensureK6().path;
    const { exchange } = await startMockServices(group, dir);
    for (const vus of steps) {
      const projected = projectedRssBytes(results, vus);
      if (projected !== undefined && projected > availableMemoryBytes() - MEMORY_RESERVE_BYTES) {
        results.push({ ...emptyStep(vus), reason: `memory: ${(projected / 2 ** 30).toFixed(1)} GiB projected for k6, more than this machine has free` });
        break;
      }
      const result = await runStep(group, k6, dir, exchange.baseUrl, vus, targets);
      results.push(result);
      process.stdout.write(`  ${vus.toLocaleString('en-US')} VUs: ${result.pass ? 'held' : `FAILED (${result.reason})`}; k6 ${(result.peakRssBytes / MiB).toFixed(0)} MiB, init ${result.initSeconds.toFixed(1)} s, ${result.cpuCoresHold.toFixed(2)} cores, pace ${result.pace.toFixed(2)}\n`);
      if (!result.pass) break;
    }
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
  return figuresOf(results, targets.concurrentUsers);
}

async function runStep(group: ProcessGroup, k6: string, dir: string, baseUrl: string, vus: number, targets: ReturnType<typeof loadTargets>): Promise<StepResult> {
  // The concurrency profile at the targets' pace (its default duration keeps the targets' think time); held for the step.
  const plan = concurrency.plan({ targets, scale: vus / targets.concurrentUsers });
  const applicantsFile = join(dir, `applicants-${vus}.ndjson`);
  // A journey lasts at least twice the hold here, so each VU needs one applicant.
  await writeApplicantsFile({ count: Math.ceil(vus * 1.01) + 10, seed: vus, planYear: 2026, file: applicantsFile });
  const summaryFile = join(dir, `summary-${vus}.json`);
  const configFile = join(dir, `config-${vus}.json`);
  writeFileSync(
    configFile,
    JSON.stringify({
      // The concurrency profile's own configuration, held for the step's length and cut at its end.
      ...k6Config({ profile: 'concurrency', plan, targets, baseUrl, applicantsFile, summaryFile }),
      scenario: { ...plan.scenario, duration: `${HOLD_SECONDS}s`, gracefulStop: '0s' },
    }),
  );
  const started = Date.now();
  let holdStarted = 0;
  let cpuAtHold = 0;
  let reason = '';
  const proc = group.spawn('k6', k6, ['run', '--no-color', `--log-output=file=${join(dir, `k6-${vus}.log`)}`, join(PROJECT_ROOT, concurrency.script)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HARNESS_CONFIG: configFile, BASE_URL: baseUrl, K6_NO_USAGE_REPORT: 'true' },
    onStdoutLine: (line) => {
      // k6's first progress line comes once every VU is initialised and setup() has run.
      if (!holdStarted && line.startsWith('running (')) {
        holdStarted = Date.now();
        cpuAtHold = processUsage(pid)?.cpuSeconds ?? 0;
      }
    },
  });
  const pid = proc.child.pid!;
  let last = processUsage(pid);
  const sampler = setInterval(() => {
    const usage = processUsage(pid);
    if (usage) last = usage;
    const elapsed = (Date.now() - started) / 1000;
    if (!reason && availableMemoryBytes() < MEMORY_RESERVE_BYTES) reason = `memory: the machine fell under ${MEMORY_RESERVE_BYTES / 2 ** 30} GiB free`;
    if (!reason && !holdStarted && elapsed > INIT_LIMIT_SECONDS) reason = `k6 took over ${INIT_LIMIT_SECONDS} s to initialise the VUs`;
    if (!reason && elapsed > INIT_LIMIT_SECONDS + HOLD_SECONDS + 30) reason = 'k6 did not finish in time';
    if (reason) void proc.stop(5_000);
  }, 500);
  const exitCode = await proc.exited;
  clearInterval(sampler);
  const ended = Date.now();
  const initSeconds = ((holdStarted || ended) - started) / 1000;
  const peakRssBytes = last?.peakRssBytes ?? 0;
  const cpuCoresInit = holdStarted ? cpuAtHold / initSeconds : 0;
  const cpuCoresHold = holdStarted && last ? (last.cpuSeconds - cpuAtHold) / ((ended - holdStarted) / 1000) : 0;
  if (reason) return { ...emptyStep(vus), reason, initSeconds, peakRssBytes, cpuCoresInit };
  const metrics = (JSON.parse(readFileSync(summaryFile, 'utf8')) as { metrics: Record<string, { values: Record<string, number> }> }).metrics;
  // Less setup()'s one readiness request.
  const requests = (metrics.http_reqs?.values.count ?? 1) - 1;
  const expected = vus * expectedRequestsPerVu(HOLD_SECONDS, plan.thinkTimeSeconds, plan.journeyMix ?? ENROLL_ONLY);
  const pace = requests / expected;
  const p95Ms = metrics.http_req_duration?.values['p(95)'] ?? 0;
  const vusHeld = metrics.vus_max?.values.max ?? 0;
  if (exitCode === 99) reason = `the exchange: an SLO threshold crossed (p95 ${p95Ms.toFixed(0)} ms)`;
  else if (exitCode !== 0) reason = `k6 exited ${exitCode}`;
  else if (vusHeld < vus) reason = `k6 held ${vusHeld} VUs`;
  else if (pace < MIN_PACE) reason = `behind the pace: ${requests} requests, ${expected.toFixed(0)} expected`;
  return { vus, pass: !reason, reason: reason || 'held', initSeconds, peakRssBytes, cpuCoresInit, cpuCoresHold, requestsPerSecond: requests / HOLD_SECONDS, pace, p95Ms };
}

function emptyStep(vus: number): StepResult {
  return { vus, pass: false, reason: '', initSeconds: 0, peakRssBytes: 0, cpuCoresInit: 0, cpuCoresHold: 0, requestsPerSecond: 0, pace: 0, p95Ms: 0 };
}

/** k6's memory at `vus`, extrapolated from the last two steps measured (undefined before two). */
function projectedRssBytes(results: StepResult[], vus: number): number | undefined {
  const [a, b] = results.filter((r) => r.pass).slice(-2);
  if (!a || !b) return undefined;
  return b.peakRssBytes + marginalBytesPerVu(a, b) * (vus - b.vus);
}

function marginalBytesPerVu(a: StepResult, b: StepResult): number {
  return (b.peakRssBytes - a.peakRssBytes) / (b.vus - a.vus);
}

function figuresOf(results: StepResult[], goal: number): Figures {
  const figures: Figures = {};
  for (const r of results.filter((s) => s.peakRssBytes > 0)) {
    const at = `vus ${r.vus.toLocaleString('en-US')}`;
    figures[`${at}: held`] = { value: r.pass ? 1 : 0, unit: r.pass ? 'bool' : `bool (${r.reason})` };
    figures[`${at}: k6 peak RSS`] = { value: Math.round(r.peakRssBytes / MiB), unit: 'MiB' };
    figures[`${at}: k6 RSS per VU`] = { value: round3(r.peakRssBytes / MiB / r.vus), unit: 'MiB' };
    figures[`${at}: k6 VU initialisation`] = { value: round3(r.initSeconds), unit: 's' };
    figures[`${at}: k6 CPU while initialising`] = { value: round3(r.cpuCoresInit), unit: 'cores' };
    figures[`${at}: k6 CPU while holding`] = { value: round3(r.cpuCoresHold), unit: 'cores' };
    figures[`${at}: requests a second`] = { value: Math.round(r.requestsPerSecond), unit: 'req/s' };
    figures[`${at}: pace (requests made / implied)`] = { value: round3(r.pace), unit: 'ratio' };
    figures[`${at}: latency p95`] = { value: round3(r.p95Ms), unit: 'ms' };
  }
  const held = results.filter((r) => r.pass);
  const top = held.at(-1);
  const failedAt = results.find((r) => !r.pass);
  figures['vus: most concurrent VUs held'] = { value: top?.vus ?? 0, unit: failedAt ? `VUs (next step: ${failedAt.reason})` : 'VUs (every step held)' };
  figures[`vus: ratio to the ${goal.toLocaleString('en-US')} goal`] = { value: round3((top?.vus ?? 0) / goal), unit: 'ratio' };
  if (held.length >= 2) figures['vus: k6 memory per extra VU'] = { value: round3(marginalBytesPerVu(held.at(-2)!, held.at(-1)!) / MiB), unit: 'MiB' };
  return figures;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
