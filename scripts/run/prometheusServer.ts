// The harness's own Prometheus: a child process with its own config, data directory and free loopback port,
// the remote-write receiver on (the load engine pushes to it) and native histograms enabled. Stopped with SIGTERM so the TSDB
// closes cleanly and the run folder keeps a readable copy of the run's metrics.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PrometheusBinary } from '../tools/prometheus.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { freeLoopbackPort } from './freePort.ts';
import type { ManagedProcess, ProcessGroup } from './processes.ts';

export interface PrometheusServer {
  baseUrl: string;
  /** Where the load engine sends its series (Prometheus remote write). */
  remoteWriteUrl: string;
  dataDir: string;
  process: ManagedProcess;
}

export interface PrometheusSpec {
  binary: PrometheusBinary;
  /** Folder that receives prometheus.yml, the rule files' copies and data/. */
  dir: string;
  /** The config's text; rule files it names must already exist. */
  configYaml: string;
  logFile: string;
  /** The TSDB folder; `<dir>/data` unless given (a finished run's data, opened again). */
  dataDir?: string;
  readyTimeoutMs?: number;
}

export function prometheusArgs(configFile: string, dataDir: string, port: number): string[] {
  return [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--web.enable-remote-write-receiver',
    '--enable-feature=native-histograms',
    // A run's data is kept in its folder for as long as the folder is kept.
    '--storage.tsdb.retention.time=100y',
    '--log.level=warn',
  ];
}

async function waitReady(baseUrl: string, exited: Promise<number>, deadline: number): Promise<'ready' | 'exited' | 'timeout'> {
  let gone = false;
  void exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) return 'exited';
    try {
      const response = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return 'ready';
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return 'timeout';
}

/** Starts Prometheus and waits until it answers /-/ready. Retries on another port if the chosen one was taken meanwhile. */
export async function startPrometheus(group: ProcessGroup, spec: PrometheusSpec): Promise<PrometheusServer> {
  mkdirSync(spec.dir, { recursive: true });
  const configFile = join(spec.dir, 'prometheus.yml');
  const dataDir = spec.dataDir ?? join(spec.dir, 'data');
  writeFileSync(configFile, spec.configYaml);
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freeLoopbackPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = group.spawn('prometheus', spec.binary.path, prometheusArgs(configFile, dataDir, port), { logFile: spec.logFile });
    const state = await waitReady(baseUrl, child.exited, Date.now() + (spec.readyTimeoutMs ?? 30_000));
    if (state === 'ready') return { baseUrl, remoteWriteUrl: `${baseUrl}/api/v1/write`, dataDir, process: child };
    await child.stop(2_000);
    if (state === 'timeout') break;
  }
  throw new UsageError(
    `prometheus (${spec.binary.path})`,
    'to start and answer /-/ready',
    `See ${spec.logFile}; check ${configFile} with \`promtool check config\`.`,
  );
}
