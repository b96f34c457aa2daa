// Reads what the fault table needs from a run folder: reconciliation.json, the exchange's log of failed 834 posts and
// the load engine's failed requests. The parsing is pure (failedPostsIn); the rest is reading files.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_METRICS } from '../../vocabulary/metrics/engine.ts';
import type { DefectClass } from '../../reconcile/reconcile.ts';
import { RUN_FILES } from '../../vocabulary/runFiles.ts';
import type { FaultRunFacts } from './faultTable.ts';

export interface FailedPosts {
  /** edi834_delivery_failed lines: every failed attempt. */
  attempts: number;
  /** Enrollments in the distinct interchanges (issuer + batch) that failed at least once, by the HTTP status answered (0: none, e.g. refused). */
  enrollmentsByStatus: Record<number, number>;
}

/** The exchange log's failed 834 posts (JSON lines; other lines are skipped). */
export function failedPostsIn(log: string): FailedPosts {
  let attempts = 0;
  const byStatus = new Map<number, Map<string, number>>();
  for (const line of log.split('\n')) {
    if (!line.includes('"edi834_delivery_failed"')) continue;
    let entry: { event?: string; issuer?: string; batch?: number; enrollments?: number; status?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a line cut by a kill
    }
    if (entry.event !== 'edi834_delivery_failed') continue;
    attempts += 1;
    const status = entry.status ?? 0;
    const posts = byStatus.get(status) ?? new Map<string, number>();
    byStatus.set(status, posts);
    posts.set(`${entry.issuer}:${entry.batch}`, entry.enrollments ?? 0);
  }
  const enrollmentsByStatus = Object.fromEntries([...byStatus].map(([status, posts]) => [status, [...posts.values()].reduce((a, b) => a + b, 0)]));
  return { attempts, enrollmentsByStatus };
}

interface Reconciliation {
  enrollments: { confirmed: number };
  classes: Record<DefectClass, number>;
  garbledByField: Partial<Record<string, number>>;
  injected?: Record<string, number>;
  pendingAtCutOff?: { count: number; waitedSeconds: number };
}

const readJson = <T>(runDir: string, file: string): T => JSON.parse(readFileSync(join(runDir, file), 'utf8')) as T;

export function readReconciliation(runDir: string): Reconciliation {
  return readJson<Reconciliation>(runDir, RUN_FILES.reconciliation);
}

export function readFailedPosts(runDir: string): FailedPosts {
  return failedPostsIn(readFileSync(join(runDir, RUN_FILES.exchangeLog), 'utf8'));
}

/** One fault run's row facts; `fault` '' for the run with no fault. */
export function faultRunFacts(runDir: string, run: { spec: string; fault: string; exitCode: number }): FaultRunFacts {
  const reconciliation = readReconciliation(runDir);
  const summary = readJson<{ metrics: Record<string, { values: Record<string, number> }> }>(runDir, RUN_FILES.loadSummary);
  return {
    ...run,
    enrollments: reconciliation.enrollments.confirmed,
    injected: run.fault === '' ? Object.values(reconciliation.injected ?? {}).reduce((a, b) => a + b, 0) : (reconciliation.injected?.[run.fault] ?? 0),
    classes: reconciliation.classes,
    garbledByField: reconciliation.garbledByField,
    failed834Enrollments: readFailedPosts(runDir).enrollmentsByStatus,
    // A rate metric's "passes" are its true samples: the requests that failed.
    failedRequests: summary.metrics[ENGINE_METRICS.requestFailed]?.values.passes ?? 0,
  };
}
