// Names of the files in a run folder (results/<run-id>/): one source of truth for writers and readers.

import { join } from 'node:path';

export const RUN_FILES = {
  applicants: 'applicants.ndjson',
  /** The engine's end-of-test summary (engine/summary.ts): every metric's figures, thresholds and histograms. */
  loadSummary: 'load-summary.json',
  /** The engine's measurements, one JSON line a second (engine/runPlan.ts SecondRow): counts, rates, gauges, histograms. */
  loadSeconds: 'load-seconds.ndjson',
  /** Each engine worker's ledger as it wrote it, before they are joined into ledger.ndjson. */
  ledgerParts: 'ledgers',
  ledger: 'ledger.ndjson',
  insurerRecords: 'insurer-records.ndjson',
  /** Every 834 interchange the mock insurer took in, exactly as sent, one `.x12` file each (its `--edi-dir`). */
  insurerEdi: 'edi',
  injected: 'injected.json',
  /** Enrollments still in the exchange's outbox when the harness stopped waiting for it, and how long it waited. */
  pendingAtCutOff: 'pending-at-cut-off.json',
  /** The nemesis's process faults (`run --nemesis`): each event, its outage, pids, and the load's errors during it. */
  nemesis: 'nemesis.json',
  reconciliation: 'reconciliation.json',
  verdict: 'verdict.json',
  summary: 'summary.md',
  junit: 'junit.xml',
  run: 'run.json',
  /** The run's report, one self-contained HTML page (`harness report --run`), and its screenshot from the browser test. */
  report: 'report.html',
  reportScreenshot: 'report.png',
  /** The live page (`run --watch`) as the browser test saw it at the end of the run. */
  watchScreenshot: 'watch.png',
  exchangeLog: 'exchange.log',
  /** Where the live exchange's admin endpoint is and its token (owner-only), for `harness faults --run DIR` during the run. */
  exchangeAdmin: 'exchange-admin.json',
  /** Exchange process metrics over the run (memory, event-loop lag), one JSON object a line, when the run kept them. */
  exchangeMetrics: 'exchange-metrics.ndjson',
  /** The exchange's waiting-room and outbox gauges over the run (same line format), for the report. */
  exchangeQueues: 'exchange-queues.ndjson',
  /**
   * The exchange's /metrics as `run --watch` read it once a second, one JSON object a line (its time in epoch ms and
   * each series the run page draws, report/liveExchange.ts): what the live page showed, so report.html shows the same.
   */
  watchExchange: 'watch-exchange.ndjson',
  insurerLog: 'insurer.log',
  /** The services' Prometheus exposition (GET /metrics) at the end of the run, kept for the PII scan and for people. */
  exchangeExposition: 'exchange-exposition.prom',
  insurerExposition: 'insurer-exposition.prom',
  prometheusLog: 'prometheus.log',
} as const;

export type RunFile = keyof typeof RUN_FILES;

/** A test run in shards on this machine (`run --shards N`) keeps each shard's folder in shards/<i>/ of the run folder. */
export const SHARDS_DIR = 'shards';

export function runFile(runDir: string, file: RunFile): string {
  return join(runDir, RUN_FILES[file]);
}
