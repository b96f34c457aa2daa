// Benchmark: what the exchange's engineering costs against the floor. The same engine load (closed model,
// constant-vus, no think time) against (a) bare node:http answering constant JSON, (b) the exchange's anonymous plan
// browsing, (c) the consumer journeys in the targets' funnel, (d) the same on an exchange of two worker processes;
// requests a second and p50/p95/p99 of each, the ratios b/a (goal ≥ 0.6), c/a and d/c, and the cores each process
// used. The engine runs in a child process of its own and shares this machine's two cores with the servers, as in
// every run here, so (d) shows what a second exchange process buys when the engine needs a core too.
// The yardstick for (b) is wrk's, not the engine's: wrk (50 connections, the same seconds) loads (a) and (b)
// too, and the ratio of those two rates is the goal (browse/bare ≥ 0.6 under wrk); skipped, and said, without wrk.
// EXCHANGE_OVERHEAD_SECONDS (default 10) and EXCHANGE_OVERHEAD_USERS (default 50) make a quick run.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHouseholds } from '../applicants/generate.ts';
import { writeApplicantsFile } from '../applicants/writeFile.ts';
import type { LoadPlan } from '../engine/plan.ts';
import type { EngineSummary } from '../engine/summary.ts';
import { ProcessGroup } from '../scripts/run/processes.ts';
import { startService, type RunningService } from '../scripts/run/services.ts';
import { loadTargets } from '../scripts/targets/load.ts';
import { coresFigure, runEngineProcess } from './engineProcess.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';
import { startMockServices } from './mockServices.ts';
import { processUsage } from './processUsage.ts';
import { ensureWrk, runWrk } from './wrk.ts';
import type { WrkFigures } from './wrkOutput.ts';
import { REQUESTS } from '../vocabulary/requests.ts';

const GET_JOURNEY = fileURLToPath(new URL('./getJourney.ts', import.meta.url));
const MARKETPLACE_JOURNEY = fileURLToPath(new URL('../scenarios/consumers/marketplace.ts', import.meta.url));
const APPLICANTS = 40_000;
/** Journeys under way at the end get this long to finish (a no-think journey takes well under a second here). */
const GRACEFUL_STOP_SECONDS = 5;

interface LoadFigures {
  rate: number;
  p50: number;
  p95: number;
  p99: number;
  failedChecks: number;
  /** Cores each process used over the test: `engine` and the servers under load. */
  cores: Record<string, number>;
}

interface Leg {
  label: string;
  journeyModule: string;
  journeyOptions: unknown;
  /** The processes under load, by name. */
  servers: Record<string, RunningService>;
}

function figuresOf(summary: EngineSummary, cores: Record<string, number>): LoadFigures {
  const metric = (name: string): Record<string, number> => summary.metrics[name]?.values ?? {};
  const duration = metric('http_req_duration');
  return {
    rate: metric('http_reqs').rate ?? 0,
    p50: duration.med ?? 0,
    p95: duration['p(95)'] ?? 0,
    p99: duration['p(99)'] ?? 0,
    failedChecks: metric('checks').fails ?? 0,
    cores,
  };
}

async function runLeg(group: ProcessGroup, leg: Leg, plan: LoadPlan, dir: string): Promise<LoadFigures> {
  const { summary, result, cores } = await runEngineProcess(group, {
    input: { plan, journeyModule: leg.journeyModule, journeyOptions: leg.journeyOptions, summaryFile: join(dir, `${leg.label}-summary.json`) },
    label: `exchange-overhead ${leg.label}`,
    logFile: join(dir, `engine-${leg.label}.log`),
    watch: Object.fromEntries(Object.entries(leg.servers).map(([name, service]) => [name, service.process.child.pid!])),
    limitSeconds: plan.executor.executor === 'constant-vus' ? plan.executor.seconds + GRACEFUL_STOP_SECONDS + 120 : 600,
    say: (line) => process.stdout.write(`${line}\n`),
  });
  // Journeys that threw are a fault of the benchmark (e.g. applicants run out), not a measurement of the exchange.
  if (result.journeyErrors.length > 0) throw new Error(`exchange-overhead ${leg.label}: journeys threw: ${result.journeyErrors.join('; ')}`);
  return figuresOf(summary, cores);
}

export async function benchExchangeOverhead(): Promise<Figures> {
  const users = envNumber('EXCHANGE_OVERHEAD_USERS', 50);
  const seconds = envNumber('EXCHANGE_OVERHEAD_SECONDS', 10);
  const plan: LoadPlan = { executor: { executor: 'constant-vus', users, seconds }, gracefulStopSeconds: GRACEFUL_STOP_SECONDS, thresholds: {} };
  const dir = mkdtempSync(join(tmpdir(), 'harness-bench-overhead-'));
  const wrkMissing = ensureWrk((line) => process.stdout.write(`  ${line}\n`));
  const group = new ProcessGroup();
  try {
    const applicantsFile = join(dir, 'applicants.ndjson');
    await writeApplicantsFile({ count: APPLICANTS, seed: 3, planYear: 2026, file: applicantsFile });
    const zip = generateHouseholds({ count: 1, seed: 3, planYear: 2026 }).next().value!.zip;

    const bare = await startService(group, { name: 'bare', main: 'bench/bareServer.ts', args: [], logFile: join(dir, 'bare.log'), readyTimeoutMs: 10_000 });
    const constant = await runLeg(
      group,
      { label: 'a', journeyModule: GET_JOURNEY, journeyOptions: { url: `${bare.baseUrl}/`, name: 'GET /' }, servers: { 'bare server': bare } },
      plan,
      dir,
    );
    // The server's CPU seconds over the load as well: its cost a request holds steady on a machine others share.
    const wrkLoad = async (label: string, url: string, server: RunningService): Promise<ServedUnderWrk> => {
      const pid = server.process.child.pid!;
      const before = processUsage(pid)?.cpuSeconds ?? 0;
      const figures = await runWrk(group, { label, url, connections: users, seconds, dir });
      return { ...figures, serverCpuSeconds: (processUsage(pid)?.cpuSeconds ?? before) - before };
    };
    const constantWrk = wrkMissing ? undefined : await wrkLoad('wrk-a', `${bare.baseUrl}/`, bare);
    await bare.process.stop();

    const journeyOptions = (ledgers: string) => {
      mkdirSync(join(dir, ledgers));
      return { applicantsFile, thinkTimeSeconds: 0, maxQueueSeconds: 10, ledgerDir: join(dir, ledgers), mode: 'funnel', journeyMix: loadTargets().funnel };
    };
    const single = await startMockServices(group, dir);
    const onSingle = { exchange: single.exchange, insurer: single.insurer };
    const browseUrl = `${single.exchange.baseUrl}/api/v1/plans?zip=${zip}&planYear=2026&ages=40,38,10`;
    const browse = await runLeg(
      group,
      { label: 'b', journeyModule: GET_JOURNEY, journeyOptions: { url: browseUrl, name: REQUESTS.browsePlans }, servers: onSingle },
      plan,
      dir,
    );
    const browseWrk = wrkMissing ? undefined : await wrkLoad('wrk-b', browseUrl, single.exchange);
    const journey = await runLeg(
      group,
      {
        label: 'c',
        journeyModule: MARKETPLACE_JOURNEY,
        journeyOptions: { baseUrl: single.exchange.baseUrl, ...journeyOptions('ledgers-c') },
        servers: onSingle,
      },
      plan,
      dir,
    );
    await Promise.all([single.exchange.process.stop(), single.insurer.process.stop()]);
    const clustered = await startMockServices(group, dir, 2);
    const journeyOnTwo = await runLeg(
      group,
      {
        label: 'd',
        journeyModule: MARKETPLACE_JOURNEY,
        journeyOptions: { baseUrl: clustered.exchange.baseUrl, ...journeyOptions('ledgers-d') },
        servers: { 'exchange (primary and 2 workers)': clustered.exchange, insurer: clustered.insurer },
      },
      plan,
      dir,
    );

    const ratio = (x: number) => Math.round((x / constant.rate) * 1000) / 1000;
    const row = (name: string, f: LoadFigures): Figures => ({
      [`overhead: ${name} requests/s`]: { value: Math.round(f.rate), unit: 'req/s' },
      [`overhead: ${name} p50`]: { value: Math.round(f.p50 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} p95`]: { value: Math.round(f.p95 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} p99`]: { value: Math.round(f.p99 * 100) / 100, unit: 'ms' },
      [`overhead: ${name} failed checks`]: { value: f.failedChecks, unit: 'checks' },
      ...Object.fromEntries(Object.keys(f.cores).map((process) => [`overhead: ${name} CPU of the ${process}`, coresFigure(f.cores[process])])),
    });
    return {
      'overhead: virtual users, no think time': { value: users, unit: `users (constant-vus for ${seconds} s)` },
      ...row('(a) bare node:http', constant),
      ...row('(b) exchange plan browsing', browse),
      ...row('(c) exchange journey mix (targets funnel)', journey),
      ...row('(d) journey mix, exchange on 2 worker processes', journeyOnTwo),
      ...wrkRows(constantWrk, browseWrk, wrkMissing),
      'overhead: ratio b/a, engine as client': { value: ratio(browse.rate), unit: 'ratio' },
      'overhead: ratio c/a': { value: ratio(journey.rate), unit: 'ratio' },
      'overhead: ratio d/c (2 exchange workers vs 1)': { value: Math.round((journeyOnTwo.rate / journey.rate) * 1000) / 1000, unit: 'ratio' },
    };
  } finally {
    await group.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A wrk load's figures and the CPU its server used meanwhile. */
interface ServedUnderWrk extends WrkFigures {
  serverCpuSeconds: number;
}

/** The server's CPU a request, in microseconds. */
const cpuPerRequestUs = (f: ServedUnderWrk): number => (f.serverCpuSeconds / Math.max(1, f.requests)) * 1e6;

/**
 * wrk's rates against (a) and (b) and their ratio, the yardstick, and the same ratio from each server's CPU a
 * request (bare's cost over browsing's: what the rate ratio would be with a core each, steady however busy the machine
 * is); one row saying why when wrk is missing.
 */
function wrkRows(bare: ServedUnderWrk | undefined, browse: ServedUnderWrk | undefined, missing: string | undefined): Figures {
  if (!bare || !browse) return { 'overhead: wrk': { value: 0, unit: `missing: ${missing ?? 'not run'}` } };
  const row = (name: string, f: ServedUnderWrk): Figures => ({
    [`overhead: ${name} under wrk requests/s`]: { value: Math.round(f.requestsPerSecond), unit: 'req/s' },
    [`overhead: ${name} under wrk p99`]: { value: f.latencyMs[99] ?? 0, unit: 'ms' },
    [`overhead: ${name} under wrk errors`]: { value: f.errors, unit: 'requests' },
    [`overhead: ${name} under wrk server CPU a request`]: { value: Math.round(cpuPerRequestUs(f) * 10) / 10, unit: 'µs' },
  });
  return {
    ...row('(a) bare node:http', bare),
    ...row('(b) exchange plan browsing', browse),
    'overhead: ratio b/a under wrk (goal ≥ 0.6)': { value: Math.round((browse.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000, unit: 'ratio' },
    'overhead: ratio b/a from server CPU a request (bare cost / browse cost)': {
      value: Math.round((cpuPerRequestUs(bare) / cpuPerRequestUs(browse)) * 1000) / 1000,
      unit: 'ratio (goal ≥ 0.6)',
    },
  };
}
