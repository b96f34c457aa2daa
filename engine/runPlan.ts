// Runs a load plan: one segment per worker thread (both cores), started together, merged every second into the
// test's per-second rows and totals; thresholds judged live (abort on fail) and at the end. The caller gets every
// row as it completes (to write, chart and print) and the totals, threshold results and exit reason at the end.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { HttpClientOptions } from './httpClient.ts';
import { MetricSet, type SeriesSnapshot } from './metricSet.ts';
import { isOpenModel, planProblem, type LoadPlan } from './plan.ts';
import { countInSegment, peakUsers, WHOLE, type Segment } from './schedule.ts';
import { epochNow, hostSegment, type FromSegment, type SegmentSetup, type ToSegment } from './segmentHost.ts';
import { abortingFailures, judgeThresholds, thresholdProblems, type ThresholdResult } from './thresholds.ts';

/** A plan or option the engine cannot run: the message says what is wrong. Exit code 2. */
export class PlanError extends Error {
  readonly exitCode = 2;
  override name = 'PlanError';
}

export interface SecondRow {
  /** Epoch second the row covers: [second, second + 1). */
  second: number;
  series: SeriesSnapshot[];
}

export type ExitReason = 'completed' | 'threshold' | 'interrupted';

export interface RunPlanOptions {
  plan: LoadPlan;
  journeyModule: string;
  journeyOptions?: unknown;
  /** Worker threads; 0 runs the one segment in this thread (tests, debugging). Default: the machine's cores. */
  workers?: number;
  /** The part of the test this process runs when it is split across machines (default the whole test). */
  segment?: Segment;
  http?: Partial<HttpClientOptions>;
  /** Called with every second's merged measurements, in order, and the totals so far. */
  onSecond?: (row: SecondRow, totals: MetricSet) => void;
  /** Aborted: stop gracefully (no new journeys, in-flight ones get the graceful stop). */
  signal?: AbortSignal;
  /**
   * When every worker is ready: the epoch ms to start at, so processes on several machines start together (a shared
   * start time, or a barrier). The engine starts at the later of it and its own ready time.
   */
  startAt?: () => number | Promise<number>;
}

export interface RunPlanResult {
  /** Epoch ms of t = 0, the common start. */
  startedAtMs: number;
  /** Epoch ms when the last segment finished (graceful stop included). */
  endedAtMs: number;
  totals: MetricSet;
  thresholds: ThresholdResult[];
  exitReason: ExitReason;
  /** The threshold that stopped the test, when one did. */
  abortedBy?: ThresholdResult;
  /** Messages of journeys that threw (faults in journey code). */
  journeyErrors: string[];
  workers: number;
}

const DEFAULT_HTTP: HttpClientOptions = { connectionsPerOrigin: 1024, timeoutMs: 60_000 };
/** Workers wait for the slowest to load its journey; then all start this long later. */
const START_MARGIN_MS = 100;

interface Endpoint {
  post(message: ToSegment): void;
  on(listener: (message: FromSegment) => void): void;
  exited: Promise<void>;
  terminate(): Promise<void>;
}

function workerEndpoint(setup: SegmentSetup): Endpoint {
  const worker = new Worker(fileURLToPath(new URL('./worker.mjs', import.meta.url)), { workerData: setup });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    post: (message) => worker.postMessage(message),
    on: (listener) => {
      worker.on('message', listener);
      worker.on('error', (error) => listener({ type: 'failed', message: error.message }));
    },
    exited,
    terminate: async () => void (await worker.terminate()),
  };
}

function inProcessEndpoint(setup: SegmentSetup): Endpoint {
  const { port1, port2 } = new MessageChannel();
  const hosted = hostSegment(setup, port2).catch((error: unknown) => port2.postMessage({ type: 'failed', message: String(error) }));
  return {
    post: (message) => port1.postMessage(message),
    on: (listener) => port1.on('message', listener),
    exited: hosted.then(() => undefined),
    terminate: async () => void port1.close(),
  };
}

/** Threads worth running: a closed model's users (or a shared pool's iterations) spread over at most that many. */
export function workersFor(plan: LoadPlan, asked: number, segment: Segment = WHOLE): number {
  const e = plan.executor;
  if (isOpenModel(e)) return asked;
  const users = countInSegment(e.executor === 'shared-iterations' ? Math.min(e.users, e.iterations) : peakUsers(e), segment);
  return Math.max(1, Math.min(asked, users));
}

export async function runPlan(options: RunPlanOptions): Promise<RunPlanResult> {
  const { plan } = options;
  const problems = [planProblem(plan), ...thresholdProblems(plan.thresholds)].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new PlanError(`load plan: ${problems.join('; ')}`);
  const machine = options.segment ?? WHOLE;
  const inProcess = options.workers === 0;
  const count = inProcess ? 1 : workersFor(plan, options.workers ?? availableParallelism(), machine);
  const http = { ...DEFAULT_HTTP, ...options.http };
  const endpoints = Array.from({ length: count }, (_, w) => {
    const setup: SegmentSetup = {
      plan,
      segment: { index: machine.index + machine.of * w, of: machine.of * count },
      journeyModule: options.journeyModule,
      journeyOptions: options.journeyOptions ?? {},
      http,
    };
    return inProcess ? inProcessEndpoint(setup) : workerEndpoint(setup);
  });

  const totals = new MetricSet();
  const rows = new Map<number, MetricSet>();
  const lastSecond = new Array<number>(count).fill(-Infinity);
  const journeyErrors = new Set<string>();
  let emitted = -Infinity;
  let startedAtMs = 0;
  let endedAtMs = 0;
  let exitReason: ExitReason = 'completed';
  let abortedBy: ThresholdResult | undefined;
  let completedSegments = 0;
  let failure: string | undefined;

  const stopAll = (): void => endpoints.forEach((e) => e.post({ type: 'stop' }));
  const emitReady = (): void => {
    const upTo = Math.min(...lastSecond);
    for (const second of [...rows.keys()].sort((a, b) => a - b)) {
      if (second > upTo) break;
      const row = rows.get(second)!;
      rows.delete(second);
      if (second <= emitted) continue;
      emitted = second;
      const series = row.snapshot();
      // From the row itself: its histograms are already decoded (the snapshot's are for onSecond's files and pushes).
      totals.mergeSet(row, 'replace');
      options.onSecond?.({ second, series }, totals);
      if (exitReason === 'completed' && startedAtMs > 0) {
        const failed = abortingFailures(totals, plan.thresholds, (second + 1) * 1000 >= startedAtMs ? second + 1 - startedAtMs / 1000 : 0);
        if (failed.length > 0) {
          exitReason = 'threshold';
          abortedBy = failed[0];
          stopAll();
        }
      }
    }
  };

  let readyCount = 0;
  let resolveReady!: () => void;
  const allReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const finished = new Promise<void>((resolve) => {
    endpoints.forEach((endpoint, w) => {
      endpoint.on((message) => {
        switch (message.type) {
          case 'ready':
            if (++readyCount === count) resolveReady();
            break;
          case 'failed':
            failure ??= message.message;
            resolveReady();
            resolve();
            break;
          case 'second': {
            let row = rows.get(message.second);
            if (!row) rows.set(message.second, (row = new MetricSet()));
            row.merge(message.series, 'add');
            lastSecond[w] = message.second;
            emitReady();
            break;
          }
          case 'done':
            message.journeyErrors.forEach((e) => journeyErrors.add(e));
            lastSecond[w] = Infinity;
            emitReady();
            if (++completedSegments === count) {
              endedAtMs = Date.now();
              resolve();
            }
            break;
        }
      });
    });
  });

  const onSignal = (): void => {
    if (exitReason === 'completed') exitReason = 'interrupted';
    stopAll();
  };
  options.signal?.addEventListener('abort', onSignal, { once: true });
  try {
    await allReady;
    if (failure !== undefined) throw new PlanError(`journey module ${options.journeyModule}: ${failure}`);
    const asked = options.startAt ? await options.startAt() : 0;
    startedAtMs = Math.max(Math.ceil(epochNow()) + START_MARGIN_MS, Math.ceil(asked));
    endpoints.forEach((e) => e.post({ type: 'start', startAtEpochMs: startedAtMs }));
    if (options.signal?.aborted) onSignal();
    await finished;
    if (failure !== undefined) throw new PlanError(`engine worker: ${failure}`);
    await Promise.all(endpoints.map((e) => e.exited));
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
    await Promise.all(endpoints.map((e) => e.terminate()));
  }
  return {
    startedAtMs,
    endedAtMs,
    totals,
    thresholds: judgeThresholds(totals, plan.thresholds),
    exitReason,
    abortedBy,
    journeyErrors: [...journeyErrors],
    workers: count,
  };
}
