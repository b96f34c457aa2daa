import { describe, expect, it } from 'vitest';
import { gate, type GateInput } from '../../verdict/gate.ts';
import type { LoadSummary } from '../../verdict/loadSummary.ts';
import { testTargets } from '../vocabulary/targetsFixture.ts';

const targets = testTargets();
const summary = (p95: number, failed = 0): LoadSummary => ({
  metrics: {
    http_req_duration: { type: 'trend', values: { 'p(95)': p95, 'p(99)': p95 * 1.5 }, thresholds: { 'p(95)<1000': { ok: p95 < 1000 } } },
    http_req_failed: { type: 'rate', values: { rate: failed } },
    checks: { type: 'rate', values: { rate: 1 } },
    marketplace_oracle_mismatches: { type: 'counter', values: { count: 0 } },
  },
});
const input = (over: Partial<GateInput> = {}): GateInput => ({
  profile: 'smoke',
  runId: 'r1',
  targets,
  loadSummary: summary(120),
  loadExitCode: 0,
  intended: 20,
  integrity: { confirmed: 20, received: 20, classes: { lost: 0, duplicate: 0 } },
  piiFindings: 0,
  ...over,
});
const failedNames = (over: Partial<GateInput>) =>
  gate(input(over))
    .checks.filter((c) => !c.pass)
    .map((c) => c.name);

describe('gate', () => {
  it('passes when every target holds', () => {
    const verdict = gate(input());
    expect(verdict.pass).toBe(true);
    expect(verdict.checks.find((c) => c.name === 'latency p95')).toEqual({ name: 'latency p95', target: '≤ 1000 ms', actual: 120, pass: true, unit: 'ms' });
  });
  it('fails latency and the threshold when p95 is over the SLO', () => {
    expect(failedNames({ loadSummary: summary(1500), loadExitCode: 99 })).toEqual(['load run', 'threshold http_req_duration: p(95)<1000', 'latency p95']);
  });
  it('fails on errors, lost enrollments and unconfirmed applicants', () => {
    expect(failedNames({ loadSummary: summary(100, 0.2) })).toEqual(['HTTP error rate']);
    expect(failedNames({ integrity: { confirmed: 20, received: 19, classes: { lost: 1 } } })).toEqual([
      'enrollments received intact by the insurer',
      'integrity: lost',
    ]);
    expect(failedNames({ integrity: { confirmed: 18, received: 18, classes: {} } })).toEqual(['enrollments confirmed to consumers']);
  });
  it('in a run by time, asks for at least one confirmed enrollment instead of every applicant', () => {
    expect(failedNames({ intended: undefined, integrity: { confirmed: 4468, received: 4468, classes: {} } })).toEqual([]);
    expect(failedNames({ intended: undefined, integrity: { confirmed: 0, received: 0, classes: {} } })).toEqual(['enrollments confirmed to consumers']);
  });
  it('in an open-model run, gates the journeys dropped (none reported means none dropped)', () => {
    const dropped = (count: number): LoadSummary => {
      const base = summary(120);
      return { metrics: { ...base.metrics, journeys_dropped: { type: 'counter', values: { count } } } };
    };
    const open = { intended: undefined, maxDroppedIterations: 3 };
    expect(failedNames({ ...open, loadSummary: dropped(3) })).toEqual([]);
    expect(failedNames({ ...open, loadSummary: dropped(4) })).toEqual(['iterations dropped (load never sent)']);
    expect(gate(input(open)).checks.find((c) => c.name === 'iterations dropped (load never sent)')?.actual).toBe(0);
    expect(gate(input()).checks.some((c) => c.name.startsWith('iterations dropped'))).toBe(false);
  });
  it('fails when synthetic PII leaked outside its files', () => {
    expect(failedNames({ piiFindings: 2 })).toEqual(['synthetic PII outside its files']);
  });
  it('never passes without measurements', () => {
    expect(failedNames({ loadSummary: undefined, integrity: undefined, loadExitCode: 107 })).toEqual(['load run', 'reconciliation']);
  });
  it('records rates as percentages, actual and target alike', () => {
    const errors = gate(input({ loadSummary: summary(100, 0.004) })).checks.find((c) => c.name === 'HTTP error rate');
    expect(errors).toEqual({ name: 'HTTP error rate', target: '≤ 1 %', actual: 0.4, pass: true, unit: 'percent' });
  });
  it('calls an interrupted run INTERRUPTED, never a pass, even when what ran held every target', () => {
    const stopped = gate(input({ loadExitCode: 130 }));
    expect(stopped.status).toBe('INTERRUPTED');
    expect(stopped.pass).toBe(false);
    expect(gate(input()).status).toBe('PASS');
    expect(gate(input({ piiFindings: 1 })).status).toBe('FAIL');
  });
});
