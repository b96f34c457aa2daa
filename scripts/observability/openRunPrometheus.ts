// Opens a finished run's Prometheus data again: a Prometheus on the run folder's prometheus/data with nothing to
// scrape, so it serves exactly what the run recorded, for verifying dashboards and for analysis.

import { prometheusConfigYaml } from '../../dashboards/prometheus/config.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ProcessGroup } from '../run/processes.ts';
import { startPrometheus, type PrometheusServer } from '../run/prometheusServer.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { findPrometheus } from '../tools/prometheus.ts';
import { PROMETHEUS } from '../tools/versions.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { runRecordProblems, type RunRecord } from '../../vocabulary/runRecord.ts';

/** A finished run's record: it knows when the run started and ended, the range its metrics are queried over. */
export type FinishedRunRecord = RunRecord & { startedAt: string; finishedAt: string };

export function readRunRecord(runDir: string): FinishedRunRecord {
  const file = runFile(runDir, 'run');
  if (!existsSync(file)) throw new UsageError(file, 'the run.json a finished `harness run` writes', 'Give --run the folder of a finished run.');
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(file, 'valid JSON', `It could not be read (${(error as Error).message}); rerun the run.`);
  }
  const problems = runRecordProblems(record);
  const run = record as RunRecord;
  if (problems.length === 0 && (run.startedAt === undefined || run.finishedAt === undefined))
    problems.push('startedAt, finishedAt: expected the times the run started and ended');
  if (problems.length > 0) throw new UsageError(file, 'the run.json a finished `harness run` writes', `Fix: ${problems.join('; ')}.`);
  return run as FinishedRunRecord;
}

export interface OpenedRun {
  record: FinishedRunRecord;
  prometheus: PrometheusServer;
  close(): Promise<void>;
}

export async function openRunPrometheus(runDir: string, log: string): Promise<OpenedRun> {
  const record = readRunRecord(runDir);
  const dir = record.metrics?.prometheusDir ? join(runDir, record.metrics.prometheusDir) : undefined;
  // Where the TSDB is: a folder chosen with --prometheus-data (shared by runs, apart by testid), or the run folder's.
  const dataDir = record.metrics?.dataDir ? resolve(runDir, record.metrics.dataDir) : dir && join(dir, 'data');
  if (!dir || !dataDir || !existsSync(dataDir)) {
    throw new UsageError(
      `${runDir}`,
      `a run recorded with its own Prometheus and its data (${dataDir ?? 'a prometheus/data folder'})`,
      'Rerun with `harness run <profile> --prometheus own`.',
    );
  }
  const binary = findPrometheus();
  if (!binary) throw new UsageError('prometheus', 'installed', `Run \`harness setup --prometheus\` (or \`apt-get install ${PROMETHEUS.debianPackage}\`).`);
  const group = new ProcessGroup();
  const prometheus = await startPrometheus(group, {
    binary,
    dir: join(dir, 'replay'),
    configYaml: prometheusConfigYaml({ testid: record.metrics!.testid, targets: { exchange: [], insurer: [] }, scrapeIntervalSeconds: 1, ruleFiles: [] }),
    logFile: log,
    dataDir,
  });
  return { record, prometheus, close: () => group.stopAll(20_000) };
}
