// Composes the exchange: durable store, rules, metrics, the 834 dispatcher and the HTTP app, listening on loopback.

import { Registry } from 'prom-client';
import { createExchangeApp } from './app.ts';
import { createBrowseFastPath, withBrowseFastPath } from './browseFastPath.ts';
import { createDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { createExchangeMetrics } from './metrics.ts';
import { oracleRules } from './oracleRules.ts';
import { openExchangeStore } from './store.ts';
import { createTokenIssuer, persistentSecret } from './tokens.ts';
import { createWaitingRoom } from './waitingRoom.ts';
import { localAdmission } from './admission.ts';
import { listen } from '../service/listen.ts';
import { allIssuerIds } from '../../domain/catalog.ts';
import { NO_FAULTS, type FaultSet } from '../faults/index.ts';
import { createBackendFaults } from './backendFaults.ts';
import { createFrontFaults } from './frontFaults.ts';
import { readInsurerAcknowledgement, toInterchange } from './interchange.ts';

export interface ExchangeConfig {
  port: number;
  host?: string;
  dataDir: string;
  /** Base URL of the insurer service; every issuer's 834s go to `${insurerUrl}/edi/834`. */
  insurerUrl: string;
  dispatcher?: Partial<DispatcherOptions>;
  /** Fault switches (`exchange.*` and `backend.*` act here), see docs/faults.md; none for a healthy exchange. */
  faults?: FaultSet;
  /** Active sessions admitted at once; 0 or absent: no waiting room. */
  waitingRoomCapacity?: number;
  /** An admitted session idle this long frees its place. */
  sessionIdleMs?: number;
  /** Per-client requests a minute on /api/v1; 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  /** Bearer token that may replace the `exchange.*` fault switches during a run; absent: they are fixed at start. */
  adminToken?: string;
}

export interface RunningExchange {
  port: number;
  stop(): Promise<void>;
}

export async function startExchange(config: ExchangeConfig): Promise<RunningExchange> {
  const faultSet = config.faults ?? NO_FAULTS;
  const store = openExchangeStore(config.dataDir);
  const countInjected = (fault: string): void => store.countInjected({ [fault]: 1 });
  const backendFaults = faultSet.values.size > 0 ? createBackendFaults(faultSet, allIssuerIds()) : undefined;
  const registry = new Registry();
  const metrics = createExchangeMetrics(registry);
  const dispatcher = createDispatcher({
    store,
    metrics,
    endpointFor: () => `${config.insurerUrl}/edi/834`,
    toInterchange,
    readAcknowledgement: readInsurerAcknowledgement,
    options: config.dispatcher,
    faults: backendFaults,
  });
  const waitingRoom = config.waitingRoomCapacity
    ? createWaitingRoom({ capacity: config.waitingRoomCapacity, sessionIdleMs: config.sessionIdleMs ?? 120_000 })
    : undefined;
  const frontFaults = createFrontFaults(faultSet, countInjected);
  const app = createExchangeApp({
    store,
    rules: oracleRules,
    tokens: createTokenIssuer(persistentSecret(config.dataDir)),
    registry,
    metrics,
    admission: waitingRoom && localAdmission(waitingRoom, metrics),
    faults: frontFaults,
    adminToken: config.adminToken,
    countInjected,
    copiesOf: backendFaults?.copiesOf,
    rateLimitPerMinute: config.rateLimitPerMinute,
  });
  // Fault switches and a rate limit act in the Express app, so while either is on every request goes through it.
  const fastPath = config.rateLimitPerMinute ? undefined : createBrowseFastPath(oracleRules, metrics);
  const listening = await listen(withBrowseFastPath(app, fastPath, () => frontFaults.active), config.port, config.host);
  dispatcher.start();
  return {
    port: listening.port,
    async stop() {
      await listening.close();
      await dispatcher.stop();
      store.close();
    },
  };
}
