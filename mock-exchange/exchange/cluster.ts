// The exchange on several cores (node:cluster): worker processes share the listening port and serve HTTP; the
// primary holds what there must be one of — the waiting room (workers ask it over IPC, so admission stays FIFO and
// capacity counts every worker's sessions), the 834 dispatcher over the shared SQLite outbox (confirmations are
// written durably by the worker that took them, in IMMEDIATE transactions), and /metrics as the sum of every process.
// Tokens are HMAC-signed with the key in the data folder, so any worker verifies any other's.

import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { AggregatorRegistry, Registry } from 'prom-client';
import { ADMISSION_OPS, localAdmission, type AdmissionControl } from './admission.ts';
import { rpcClient, serveRpc } from './clusterRpc.ts';
import { createExchangeMetrics } from './metrics.ts';
import { startDispatcher, waitingRoomOf, type ExchangeConfig, type RunningExchange } from './exchangeParts.ts';
import { openExchangeStore } from './store.ts';
import { persistentSecret } from './tokens.ts';

/** What a worker needs to know, passed in its environment (fault switches as their spec text). */
export interface WorkerConfig {
  port: number;
  host?: string;
  dataDir: string;
  insurerUrl: string;
  faults: string;
  waitingRoomCapacity?: number;
  sessionIdleMs?: number;
  rateLimitPerMinute?: number;
  passwordCost?: number;
}

export const WORKER_CONFIG_ENV = 'EXCHANGE_WORKER_CONFIG';
/** A worker that dies is replaced, at most this many times in a run: a crash loop stops the exchange instead. */
const MAX_REPLACEMENTS = 5;
const STOP_GRACE_MS = 5_000;

export async function startExchangeCluster(config: ExchangeConfig): Promise<RunningExchange> {
  const workers = config.workers ?? 2;
  // Created once here, before any worker opens them: the schema, and the token key every worker signs with.
  const store = openExchangeStore(config.dataDir);
  persistentSecret(config.dataDir);
  const registry = new Registry();
  const metrics = createExchangeMetrics(registry);
  const dispatcher = startDispatcher(config, store, metrics);
  const room = waitingRoomOf(config);
  const admission = room && localAdmission(room, metrics);

  const workerConfig: WorkerConfig = {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    insurerUrl: config.insurerUrl,
    faults: config.faults?.toString() ?? '',
    waitingRoomCapacity: config.waitingRoomCapacity,
    sessionIdleMs: config.sessionIdleMs,
    rateLimitPerMinute: config.rateLimitPerMinute,
    passwordCost: config.passwordCost,
  };
  cluster.setupPrimary({
    exec: fileURLToPath(new URL('./clusterWorker.ts', import.meta.url)),
    execArgv: ['--import', import.meta.resolve('tsx')],
    silent: false,
  });

  const running = new Map<Worker, ReturnType<typeof rpcClient>>();
  let stopping = false;
  let replacements = 0;

  const aggregateMetrics = async (): Promise<string> => {
    type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
    const parts: MetricsJson[] = [await registry.getMetricsAsJSON()];
    for (const call of running.values()) parts.push(await call<MetricsJson>('metricsJson'));
    return AggregatorRegistry.aggregate(parts).metrics();
  };
  const broadcastFaults = async (spec: string): Promise<void> => {
    await Promise.all([...running.values()].map((call) => call('replaceFaults', spec)));
  };

  function fork(): Promise<number> {
    const worker = cluster.fork({ [WORKER_CONFIG_ENV]: JSON.stringify(workerConfig) });
    running.set(worker, rpcClient(worker));
    serveRpc(worker, {
      admission: (op: string, ...args: string[]) => {
        if (!admission || !ADMISSION_OPS.includes(op as keyof AdmissionControl)) throw new Error(`no waiting room operation ${op}`);
        return (admission[op as keyof AdmissionControl] as (...a: string[]) => Promise<unknown>)(...args);
      },
      metrics: aggregateMetrics,
      faults: broadcastFaults,
    });
    worker.on('exit', (code, signal) => {
      running.delete(worker);
      if (stopping) return;
      process.stderr.write(`exchange: worker ${worker.process.pid} ended (${signal ?? `exit ${code}`})\n`);
      if (replacements++ < MAX_REPLACEMENTS) void fork().catch(() => {});
      else process.stderr.write(`exchange: ${MAX_REPLACEMENTS} workers replaced already; not starting another\n`);
    });
    return new Promise<number>((resolve, reject) => {
      worker.once('listening', (address) => resolve(address.port));
      worker.once('exit', (code) => reject(new Error(`an exchange worker ended before listening (exit ${code}); see its output above`)));
    });
  }

  async function stop(): Promise<void> {
    stopping = true;
    await Promise.all(
      [...running.keys()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const timer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await dispatcher.stop();
    store.close();
  }

  try {
    // The first worker binds the port (a free one for port 0); the others share it.
    const port = await fork();
    await Promise.all(Array.from({ length: workers - 1 }, () => fork()));
    return { port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
