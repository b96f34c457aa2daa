// Composes the mock insurer: durable store, metrics on its own registry, fault gate and the HTTP app, on loopback.

import { Registry } from 'prom-client';
import { NO_FAULTS, parseFaultSpec, type FaultSet } from '../faults/index.ts';
import { listen } from '../service/listen.ts';
import { jsonLinesLogger } from '../service/serviceLog.ts';
import { createInsurerApp, type InsurerLogger } from './app.ts';
import { openEdiDropFolder } from './ediDropFolder.ts';
import { createFaultGate } from './faultGate.ts';
import { createInsurerMetrics } from './metrics.ts';
import { openInsurerStore } from './store.ts';

export interface InsurerConfig {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Folder of the SQLite file; the same folder after a restart keeps the records. */
  dataDir: string;
  /** A fault spec (see docs/faults.md) or an already parsed set. */
  faults?: string | FaultSet;
  logger?: InsurerLogger;
  /** Also keep every interchange taken in as a file in this folder (the insurer's inbound drop folder). */
  ediDir?: string;
}

export interface RunningInsurer {
  port: number;
  stop(): Promise<void>;
}

/** JSON lines on stderr: stdout carries only the one "listening" line the harness waits for. */
export const stderrLogger: InsurerLogger = jsonLinesLogger('insurer');

export async function startInsurer(config: InsurerConfig): Promise<RunningInsurer> {
  const faults = typeof config.faults === 'string' ? parseFaultSpec(config.faults) : (config.faults ?? NO_FAULTS);
  const store = openInsurerStore(config.dataDir);
  const registry = new Registry();
  const metrics = createInsurerMetrics(registry);
  const logger = config.logger ?? stderrLogger;
  const app = createInsurerApp({
    store,
    registry,
    metrics,
    faults: createFaultGate(faults),
    logger,
    ...(config.ediDir ? { dropFolder: openEdiDropFolder(config.ediDir) } : {}),
  });
  let listening;
  try {
    listening = await listen(app, config.port, config.host ?? '127.0.0.1');
  } catch (error) {
    store.close();
    throw error;
  }
  if (faults.values.size > 0) logger.info('faults', { spec: faults.toString() });
  let stopped = false;
  return {
    port: listening.port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await listening.close();
      store.close();
    },
  };
}
