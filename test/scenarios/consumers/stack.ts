// The real mock insurer and exchange in this process on loopback port 0, an applicants file, and the engine run of
// a consumer journey module against them (workers: 0, in-process): what the consumer journeys' tests share.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHouseholds } from '../../../applicants/writeFile.ts';
import type { Household } from '../../../domain/household.ts';
import type { LoadPlan } from '../../../engine/plan.ts';
import { runPlan, type RunPlanResult } from '../../../engine/runPlan.ts';
import type { Segment } from '../../../engine/schedule.ts';
import type { Tags } from '../../../engine/metricSet.ts';
import { startExchange, type ExchangeConfig, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';
import { parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { startInsurer, type RunningInsurer } from '../../../mock-exchange/insurer/server.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';

export const MARKETPLACE_MODULE = join(PROJECT_ROOT, 'scenarios/consumers/marketplace.ts');
export const SECURITY_MODULE = join(PROJECT_ROOT, 'scenarios/consumers/security.ts');

export interface Stack {
  dir: string;
  exchangeDir: string;
  baseUrl: string;
  insurerUrl: string;
  exchange: RunningExchange;
  insurer: RunningInsurer;
  stop(): Promise<void>;
}

export interface StackOptions {
  faults?: string;
  waitingRoomCapacity?: number;
  rateLimitPerMinute?: number;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'consumers-'));
  const silent = { info: () => {}, warn: () => {}, error: () => {} };
  const insurer = await startInsurer({ port: 0, host: '127.0.0.1', dataDir: join(dir, 'insurer'), logger: silent });
  const insurerUrl = `http://127.0.0.1:${insurer.port}`;
  const exchangeDir = join(dir, 'exchange');
  const config: ExchangeConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir: exchangeDir,
    insurerUrl,
    dispatcher: { intervalMs: 50 },
    faults: parseFaultSpec(options.faults ?? ''),
    waitingRoomCapacity: options.waitingRoomCapacity,
    rateLimitPerMinute: options.rateLimitPerMinute,
  };
  const exchange = await startExchange(config);
  return {
    dir,
    exchangeDir,
    baseUrl: `http://127.0.0.1:${exchange.port}`,
    insurerUrl,
    exchange,
    insurer,
    async stop() {
      await exchange.stop();
      await insurer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { households, referredHouseholds } from '../../enrollingHouseholds.ts';

export async function applicantsFile(dir: string, list: Household[]): Promise<string> {
  const file = join(dir, `applicants-${list[0]?.id ?? 'none'}-${list.length}.ndjson`);
  await writeHouseholds(list, file);
  return file;
}

export function sharedIterations(iterations: number, users: number, maxSeconds = 60): LoadPlan {
  return { executor: { executor: 'shared-iterations', users, iterations, maxSeconds }, gracefulStopSeconds: 5, thresholds: {} };
}

export function run(plan: LoadPlan, journeyModule: string, journeyOptions: unknown, segment?: Segment): Promise<RunPlanResult> {
  return runPlan({ plan, journeyModule, journeyOptions, workers: 0, ...(segment ? { segment } : {}) });
}

/** A counter's total (a rate's passes) over every series of `name` whose tags include `filter`; 0 when none. */
export const total = (result: RunPlanResult, name: string, filter: Tags = {}): number => result.totals.aggregate(name, filter)?.sum ?? 0;
/** Samples recorded (a rate's checks, a trend's samples). */
export const samples = (result: RunPlanResult, name: string, filter: Tags = {}): number => result.totals.aggregate(name, filter)?.count ?? 0;

/** Checks that failed, by name: `checks` is a rate tagged with each check's name. */
export function failedChecks(result: RunPlanResult): Record<string, number> {
  const failed: Record<string, number> = {};
  for (const series of result.totals.all()) {
    if (series.name === 'checks' && series.count > series.sum)
      failed[series.tags.check ?? '?'] = (failed[series.tags.check ?? '?'] ?? 0) + series.count - series.sum;
  }
  return failed;
}

/** Waits until the exchange's outbox has nothing pending (the dispatcher polls every 50 ms here). */
export async function drained(baseUrl: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const outbox = (await (await fetch(`${baseUrl}/admin/outbox`)).json()) as { pending: number };
    if (outbox.pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the exchange's outbox did not drain within ${timeoutMs} ms`);
}
