// The gate: a run's measurements against the targets file → the checks of verdict.json.

import type { Targets } from '../vocabulary/targets.ts';
import { metricValue, thresholdOutcomes, type LoadSummary } from './loadSummary.ts';
import { METRIC_NAMES } from '../vocabulary/metrics/journeys.ts';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { nemesisChecks, type NemesisJudged } from './nemesisChecks.ts';
import { atMost, atMostPercent, exactly, verdictOf, type Verdict, type VerdictCheck } from './verdict.ts';

export interface IntegrityCounts {
  confirmed: number;
  received: number;
  classes: Record<string, number>;
}

/** A run against an exchange the harness did not start: what consumers were told is known, what the insurer got is not. */
export interface IntegrityNotChecked {
  confirmed: number;
  /** How to check it afterwards (the `harness reconcile --ledger … --edi DIR` command). */
  notChecked: string;
}

export interface GateInput {
  profile: string;
  runId: string;
  targets: Targets;
  loadSummary: LoadSummary | undefined;
  loadExitCode: number;
  /** Applicants the run meant to enroll (every one, in a smoke run); undefined for a profile run by time, not count. */
  intended: number | undefined;
  /** Open-model profiles: journeys the engine may drop — load it meant to send but had no room in flight for. Undefined: not gated. */
  maxDroppedIterations?: number;
  integrity: IntegrityCounts | IntegrityNotChecked | undefined;
  /** False for a user's own journeys (`run --journeys`): how many enroll is theirs to say, so the count is shown, not gated. */
  confirmationsGated?: boolean;
  /** Synthetic identities found outside the files meant to hold them (harness scan). */
  piiFindings: number;
  /** Fault switches judged (mock-exchange/faults/idleFaults.ts), those that affected nothing; `allowIdle` (--allow-idle-faults) lets them pass. */
  faults?: { given: number; idle: readonly string[]; allowIdle: boolean };
  /** The run had a nemesis (`run --nemesis`): availability is not judged, errors outside its windows are (verdict/nemesisChecks.ts). */
  nemesis?: NemesisJudged;
}

/** The load's outcome codes (scripts/run/engineLoad.ts loadExitCode; shards add 1) and what the verdict calls them. */
export const LOAD_OUTCOME: Record<number, string> = {
  0: 'completed',
  1: 'a shard failed',
  99: 'thresholds crossed',
  130: 'interrupted',
};

/** The load's exit code of a run Ctrl-C or SIGTERM stopped. */
export const INTERRUPTED_EXIT_CODE = 130;

export function loadChecks(summary: LoadSummary | undefined, exitCode: number, targets: Targets, maxDroppedIterations: number | undefined): VerdictCheck[] {
  const meaning = LOAD_OUTCOME[exitCode] ?? `exit code ${exitCode}`;
  const checks: VerdictCheck[] = [{ name: 'load run', target: 'completed (exit 0)', actual: meaning, pass: exitCode === 0 }];
  if (!summary) return checks;
  for (const t of thresholdOutcomes(summary)) checks.push({ name: `threshold ${t.name}`, target: 'ok', actual: t.ok ? 'ok' : 'crossed', pass: t.ok });
  checks.push(atMost('latency p95', metricValue(summary, 'http_req_duration', 'p(95)'), targets.slo.p95Ms, 'ms'));
  checks.push(atMost('latency p99', metricValue(summary, 'http_req_duration', 'p(99)'), targets.slo.p99Ms, 'ms'));
  checks.push(atMostPercent('HTTP error rate', metricValue(summary, 'http_req_failed', 'rate'), targets.slo.errorRate));
  const checksRate = metricValue(summary, 'checks', 'rate');
  checks.push(atMostPercent('failed response checks', checksRate === undefined ? undefined : 1 - checksRate, targets.slo.errorRate));
  checks.push(atMost('oracle mismatches', metricValue(summary, METRIC_NAMES.oracleMismatches, 'count') ?? 0, targets.integrity.maxOracleMismatches));
  if (maxDroppedIterations !== undefined) {
    // The engine reports no journeys_dropped when none was dropped.
    const dropped = metricValue(summary, ENGINE_METRICS.journeysDropped, 'count') ?? 0;
    checks.push(atMost('iterations dropped (load never sent)', dropped, maxDroppedIterations));
  }
  return checks;
}

function integrityChecks(input: GateInput): VerdictCheck[] {
  const { integrity, intended, targets } = input;
  if (!integrity) return [{ name: 'reconciliation', target: 'run', actual: 'not run', pass: false }];
  const checks: VerdictCheck[] = [
    input.confirmationsGated === false
      ? { name: 'enrollments confirmed to consumers', target: 'recorded (own journeys: not gated)', actual: integrity.confirmed, pass: true, unit: 'count' }
      : intended === undefined
        ? {
            name: 'enrollments confirmed to consumers',
            target: '≥ 1',
            actual: String(integrity.confirmed),
            pass: integrity.confirmed >= 1,
            unit: 'count' as const,
          }
        : exactly('enrollments confirmed to consumers', integrity.confirmed, intended),
  ];
  if ('notChecked' in integrity) {
    checks.push({
      name: 'integrity at the insurer',
      target: 'every confirmed enrollment received intact',
      actual: 'not checked in this run',
      pass: false,
      notChecked: integrity.notChecked,
    });
    return checks;
  }
  checks.push(exactly('enrollments received intact by the insurer', integrity.received, integrity.confirmed));
  for (const [defect, count] of Object.entries(integrity.classes)) {
    checks.push(atMost(`integrity: ${defect}`, count, targets.integrity.maxDefects));
  }
  return checks;
}

/** A switch that affected nothing makes the run prove nothing about it: it fails unless idle faults are allowed. */
export function faultChecks(faults: GateInput['faults']): VerdictCheck[] {
  if (!faults || faults.given === 0) return [];
  if (faults.idle.length === 0) return [{ name: 'fault switches that fired', target: `all ${faults.given}`, actual: `all ${faults.given}`, pass: true }];
  return faults.idle.map((item) => ({
    name: `fault ${item}`,
    target: faults.allowIdle ? 'may stay idle (--allow-idle-faults)' : 'affects ≥ 1 (or --allow-idle-faults)',
    actual: 'affected 0 requests',
    pass: faults.allowIdle,
  }));
}

export function gate(input: GateInput): Verdict {
  const pii = atMost('synthetic PII outside its files', input.piiFindings, 0);
  const made = [
    ...loadChecks(input.loadSummary, input.loadExitCode, input.targets, input.maxDroppedIterations),
    ...integrityChecks(input),
    ...faultChecks(input.faults),
    pii,
  ];
  const checks = input.nemesis ? nemesisChecks(made, input.nemesis, input.targets) : made;
  return verdictOf(input.profile, input.runId, checks, { interrupted: input.loadExitCode === INTERRUPTED_EXIT_CODE });
}
