// One HTTP worker of a clustered exchange (cluster.ts): the usual front end over its own connection to the shared
// store, asking the primary for the waiting room, the aggregate /metrics and fault changes that must reach every worker.

import { Registry } from 'prom-client';
import { parseFaultSpec } from '../faults/index.ts';
import { stopOnSignals } from '../service/listen.ts';
import type { AdmissionControl, AdmissionOp } from './admission.ts';
import { adminTokenFromEnv } from './adminRoutes.ts';
import { WORKER_CONFIG_ENV, type WorkerConfig } from './cluster.ts';
import { rpcClient, serveRpc } from './clusterRpc.ts';
import { createExchangeMetrics } from './metrics.ts';
import { startFrontEnd } from './exchangeParts.ts';
import { commitsInto, openExchangeStore } from './store.ts';

const config = JSON.parse(process.env[WORKER_CONFIG_ENV] ?? '{}') as WorkerConfig;
const primary = rpcClient(process as unknown as Parameters<typeof rpcClient>[0]);
const ask =
  <T>(op: AdmissionOp) =>
  (...args: string[]): Promise<T> =>
    primary<T>('admission', op, ...args);
const admission: AdmissionControl | undefined = config.waitingRoomCapacity
  ? { enter: ask('enter'), poll: ask('poll'), touch: ask('touch'), leave: ask('leave'), abandon: ask('abandon') }
  : undefined;

const registry = new Registry();
const metrics = createExchangeMetrics(registry);
const store = openExchangeStore(config.dataDir, { groupCommit: { onCommit: commitsInto(metrics) } });
const frontEnd = await startFrontEnd(
  { ...config, faults: parseFaultSpec(config.faults), adminToken: adminTokenFromEnv() },
  { store, registry, metrics, admission, metricsText: () => primary<string>('metrics'), replaceFaults: (spec) => primary('faults', spec) },
);
serveRpc(process as unknown as Parameters<typeof serveRpc>[0], {
  metricsJson: () => registry.getMetricsAsJSON(),
  replaceFaults: (spec: string) => frontEnd.faults.replace(parseFaultSpec(spec)),
});

async function stop(): Promise<void> {
  await frontEnd.close();
  store.close();
}
stopOnSignals(stop);
// The primary is gone (killed): nothing to serve for.
process.on('disconnect', () => void stop().finally(() => process.exit(0)));
