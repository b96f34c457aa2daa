// The parts one exchange process is made of: its front end (tokens, faults, the app and its fast paths — plan
// browsing and the consumer journey —, listening), its 834 dispatcher and its waiting room. startExchange (server.ts) puts them together in one process;
// the cluster (cluster.ts, clusterWorker.ts) spreads them over a primary and its workers.

import { Registry } from 'prom-client';
import type { AdmissionControl } from './admission.ts';
import type { ExchangeStore } from './store.ts';
import { createExchange } from './app.ts';
import { createBrowseFastPath } from './browseFastPath.ts';
import { withFastPaths } from './fastPaths.ts';
import { createJourneyFastPath } from './journeyFastPath.ts';
import { createDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { createExchangeMetrics } from './metrics.ts';
import { oracleRules } from './oracleRules.ts';
import { createTokenIssuer, persistentSecret } from './tokens.ts';
import { createWaitingRoom } from './waitingRoom.ts';
import { listen } from '../service/listen.ts';
import type { ServiceLogger } from '../service/serviceLog.ts';
import { allIssuerIds } from '../../domain/catalog.ts';
import { NO_FAULTS, type FaultSet } from '../faults/index.ts';
import { createBackendFaults, type BackendFaults } from './backendFaults.ts';
import { createFrontFaults, type FrontFaults } from './frontFaults.ts';
import { readInsurerAcknowledgement, toInterchange } from './interchange.ts';
import { createPasswordHasher } from './passwords.ts';

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
  /** scrypt's N for account passwords (passwords.ts); default DEFAULT_SCRYPT_COST. Every account creation and login pays it. */
  passwordCost?: number;
  /** Bearer token that may replace the `exchange.*` fault switches during a run; absent: they are fixed at start. */
  adminToken?: string;
  /** HTTP worker processes (node:cluster) sharing the port, the store, one waiting room and one dispatcher; default 1. */
  workers?: number;
  /** Where the dispatcher logs failed posts, retries and rejections; default: JSON lines on stderr. */
  logger?: ServiceLogger;
  /** The exchange's clock (in-process exchanges only): submission times, and so when coverage starts; default: the wall clock. */
  now?: () => Date;
}

export interface RunningExchange {
  port: number;
  stop(): Promise<void>;
}

/** What one process of the exchange serves HTTP with; with several workers, the waiting room, metrics and fault changes go through the primary. */
export interface FrontEndParts {
  store: ExchangeStore;
  registry: Registry;
  metrics: ReturnType<typeof createExchangeMetrics>;
  admission?: AdmissionControl;
  /** The /metrics exposition, when it is not this process's registry alone (a cluster's aggregate). */
  metricsText?: () => Promise<string>;
  /** Puts validated fault switches in force everywhere they act (every worker of a cluster); default: here. */
  replaceFaults?: (spec: string) => Promise<void>;
  /** The back-end fault switches, when this process's dispatcher already built them (one decision per enrollment). */
  backendFaults?: BackendFaults;
}

export interface FrontEnd {
  port: number;
  faults: FrontFaults;
  close(): Promise<void>;
}

/** The HTTP side of the exchange in this process: tokens, faults, the app and its fast paths, listening. */
export async function startFrontEnd(config: ExchangeConfig, parts: FrontEndParts): Promise<FrontEnd> {
  const faultSet = config.faults ?? NO_FAULTS;
  const { store, metrics } = parts;
  const countInjected = (fault: string): void => store.countInjected({ [fault]: 1 });
  const backendFaults = parts.backendFaults ?? backendFaultsOf(config);
  const frontFaults = createFrontFaults(faultSet, countInjected);
  const { app, journey } = createExchange({
    store,
    rules: oracleRules,
    tokens: createTokenIssuer(persistentSecret(config.dataDir)),
    passwords: createPasswordHasher(config.passwordCost),
    registry: parts.registry,
    metricsText: parts.metricsText,
    metrics,
    admission: parts.admission,
    faults: frontFaults,
    replaceFaults: parts.replaceFaults,
    adminToken: config.adminToken,
    countInjected,
    copiesOf: backendFaults?.copiesOf,
    delayedOf: backendFaults?.delayed,
    rateLimitPerMinute: config.rateLimitPerMinute,
    now: config.now,
  });
  // Fault switches and a rate limit act in the Express app, so while either is on every request goes through it.
  const fastPaths = config.rateLimitPerMinute
    ? []
    : [createBrowseFastPath(oracleRules, metrics), createJourneyFastPath({ ...journey, metrics, admission: parts.admission })];
  const listening = await listen(
    withFastPaths(app, fastPaths, () => frontFaults.active),
    config.port,
    config.host,
  );
  return { port: listening.port, faults: frontFaults, close: () => listening.close() };
}

/** The `backend.*` switches of the config, built once per process; undefined with none. */
export function backendFaultsOf(config: ExchangeConfig): BackendFaults | undefined {
  const faultSet = config.faults ?? NO_FAULTS;
  return faultSet.values.size > 0 ? createBackendFaults(faultSet, allIssuerIds()) : undefined;
}

/** The back half every exchange has once: the 834 dispatcher over the store's outbox. */
export function startDispatcher(
  config: ExchangeConfig,
  store: ExchangeStore,
  metrics: ReturnType<typeof createExchangeMetrics>,
  backendFaults = backendFaultsOf(config),
) {
  const dispatcher = createDispatcher({
    store,
    metrics,
    endpointFor: () => `${config.insurerUrl}/edi/834`,
    toInterchange,
    readAcknowledgement: readInsurerAcknowledgement,
    options: config.dispatcher,
    logger: config.logger,
    faults: backendFaults,
  });
  dispatcher.start();
  return dispatcher;
}

export function waitingRoomOf(config: ExchangeConfig) {
  return config.waitingRoomCapacity ? createWaitingRoom({ capacity: config.waitingRoomCapacity, sessionIdleMs: config.sessionIdleMs ?? 120_000 }) : undefined;
}
