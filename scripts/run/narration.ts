// What `harness run` tells the terminal as it goes, phase by phase: the one place its lines are worded.
// Pure: each function returns the line(s); the phases say them.

import type { NemesisRecord } from './nemesis/record.ts';
import { RUN_FILES } from '../../vocabulary/runFiles.ts';

const indent = '        ';

export const narration = {
  start: (profile: string, runId: string, results: string) => `harness run ${profile} · run ${runId}\n  results: ${results}`,
  applicants: (count: number, seed: number, planYear: number) => `  [1/6] applicants: ${count} synthetic households (seed ${seed}, plan year ${planYear})`,
  externalInsurer: () => '  [2/6] insurer: none started — the exchange under test sends its 834s to its own back end',
  externalExchange: (baseUrl: string) => `  [3/6] exchange: ${baseUrl} (--base-url; not started by the harness)`,
  insurer: (url: string) => `  [2/6] insurer listening on ${url}`,
  exchange: (url: string) => `  [3/6] exchange listening on ${url}`,
  metrics: (description: string) => `${indent}metrics: ${description}`,
  load: (profile: string, plan: string, consumers: string) => `  [4/6] load engine: ${profile}, ${plan}; ${consumers}`,
  nemesisPlanned: (spec: string) => `${indent}nemesis: ${spec} (times from the load's first second)`,
  nemesisOutcome: (events: number, record: NemesisRecord) =>
    `${indent}nemesis: ${events} event(s); ${record.during.failed} of ${record.during.requests} requests failed during their windows, ${record.outside.failed} of ${record.outside.requests} outside (${RUN_FILES.nemesis})`,
  remoteWriteFailures: (failures: number, lastError: string | undefined) =>
    `${indent}metrics: ${failures} remote-write request(s) to Prometheus failed (${lastError ?? 'no message'})`,
  journeyError: (message: string) => `${indent}journey error: ${message}`,
  noLedger: () => `${indent}ledger: your journeys recorded no confirmation (docs/journeys.md: how a journey that enrolls records one)`,
  drained: (drained: boolean, waitedMs: number, status: { delivered: number; rejected: number; pending: number }) =>
    `  [5/6] back end: ${drained ? 'outbox drained' : 'outbox NOT drained'} in ${(waitedMs / 1000).toFixed(1)} s ` +
    `(${status.delivered} delivered, ${status.rejected} rejected, ${status.pending} pending)`,
  backEndNotObserved: (baseUrl: string | undefined) => `  [5/6] back end: not observed — the insurer's side of ${baseUrl} is not the harness's to read`,
  reconciled: (confirmed: number, intact: number) => `  [6/6] reconcile: ${confirmed} confirmed to consumers, ${intact} received intact by the insurer`,
  notReconciled: (confirmed: number, ledgerPath: string, hint: string) =>
    `  [6/6] reconcile: NOT CHECKED in this run — ${confirmed} confirmed to consumers (ledger ${ledgerPath}); ${hint}`,
  verdict: (table: string, confirmed: number, intactText: string, details: string) =>
    `\n${table}\n  enrollments confirmed by the exchange: ${confirmed}; received intact by the insurer: ${intactText}\n  details: ${details}`,
};
