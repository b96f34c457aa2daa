// Composes the exchange: durable store, rules, metrics, the 834 dispatcher and the HTTP app, listening on loopback.
// One process by default; with `workers` above 1, cluster.ts runs the same HTTP front end in several processes.

import { Registry } from 'prom-client';
import { localAdmission } from './admission.ts';
import { backendFaultsOf, startDispatcher, startFrontEnd, waitingRoomOf, type ExchangeConfig, type RunningExchange } from './exchangeParts.ts';
import { createExchangeMetrics } from './metrics.ts';
import { commitsInto, openExchangeStore } from './store.ts';

export type { ExchangeConfig, RunningExchange } from './exchangeParts.ts';

export async function startExchange(config: ExchangeConfig): Promise<RunningExchange> {
  if ((config.workers ?? 1) > 1) {
    const { startExchangeCluster } = await import('./cluster.ts');
    return startExchangeCluster(config);
  }
  const registry = new Registry();
  const metrics = createExchangeMetrics(registry);
  const store = openExchangeStore(config.dataDir, { groupCommit: { onCommit: commitsInto(metrics) } });
  const backendFaults = backendFaultsOf(config);
  const dispatcher = startDispatcher(config, store, metrics, backendFaults);
  const room = waitingRoomOf(config);
  const frontEnd = await startFrontEnd(config, { store, registry, metrics, admission: room && localAdmission(room, metrics), backendFaults });
  return {
    port: frontEnd.port,
    async stop() {
      await frontEnd.close();
      await dispatcher.stop();
      store.close();
    },
  };
}
