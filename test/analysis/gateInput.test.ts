import { describe, expect, it } from 'vitest';
import { gateInputOf, loadExitCodeOf, type RunFolderFacts } from '../../analysis/gateInput.ts';
import { gate } from '../../verdict/gate.ts';
import { testTargets } from '../vocabulary/targetsFixture.ts';

const targets = testTargets();
const facts = (maxDroppedIterations: number | null | undefined): RunFolderFacts => ({
  run: { runId: 'r', profile: 'load', count: 100, intendedEnrollments: null, loadExitCode: 0, maxDroppedIterations },
  loadSummary: { metrics: { journeys_dropped: { type: 'counter', values: { count: 7, rate: 0.1 } } } } as never,
  reconciliation: undefined,
  previousVerdict: undefined,
  piiFindings: 0,
});

describe('gateInputOf', () => {
  it('carries the dropped iterations an arrival-rate run allowed into the gate, which judges the run against them', () => {
    expect(gateInputOf(facts(5), targets, 0).maxDroppedIterations).toBe(5);
    const missed = gate(gateInputOf(facts(5), targets, 0)).checks.find((c) => /dropped/.test(c.name));
    expect(missed?.pass).toBe(false);
    const held = gate(gateInputOf(facts(10), targets, 0)).checks.find((c) => /dropped/.test(c.name));
    expect(held?.pass).toBe(true);
  });

  it('leaves the check out for runs that recorded none', () => {
    expect(gateInputOf(facts(null), targets, 0).maxDroppedIterations).toBeUndefined();
    expect(gate(gateInputOf(facts(undefined), targets, 0)).checks.some((c) => /dropped/.test(c.name))).toBe(false);
  });
});

describe('gateInputOf, a run against --base-url', () => {
  const remote = (reconciled: boolean): RunFolderFacts => ({
    ...facts(undefined),
    run: { runId: 'r', profile: 'smoke', count: 10, intendedEnrollments: 10, loadExitCode: 0, baseUrl: 'http://127.0.0.1:8080' },
    reconciliation: reconciled ? { enrollments: { confirmed: 10, intact: 10 }, classes: { lost: 0 } } : undefined,
    ledgerEntries: 10,
  });

  it('before reconcile --ledger --edi: integrity not checked, saying how to check it', () => {
    const checks = gate(gateInputOf(remote(false), targets, 0)).checks;
    expect(checks.find((c) => c.name === 'integrity at the insurer')?.notChecked).toMatch(/harness reconcile --ledger RUN\/ledger\.ndjson --edi DIR/);
    expect(checks.find((c) => c.name === 'enrollments confirmed to consumers')).toMatchObject({ actual: 10, pass: true });
  });

  it('after it: judged on the reconciliation like any run', () => {
    const checks = gate(gateInputOf(remote(true), targets, 0)).checks;
    expect(checks.some((c) => c.notChecked !== undefined)).toBe(false);
    expect(checks.find((c) => c.name === 'enrollments received intact by the insurer')?.pass).toBe(true);
  });
});

describe('loadExitCodeOf', () => {
  const run = { runId: 'r', profile: 'load', count: 100 };
  const verdictSaying = (name: string, actual: string) => ({
    pass: false,
    profile: 'load',
    runId: 'r',
    checks: [{ name, target: 'completed (exit 0)', actual, pass: false }],
  });
  const crossed = { metrics: { http_req_duration: { type: 'trend', values: {}, thresholds: { 'p(95)<1000': { ok: false } } } } };

  it('takes the code run.json recorded first', () => {
    expect(loadExitCodeOf({ run: { ...run, loadExitCode: 130 }, previousVerdict: verdictSaying('load run', 'completed'), loadSummary: crossed })).toBe(130);
  });

  it('else reads the outcome the earlier verdict named in its load run row', () => {
    expect(loadExitCodeOf({ run, previousVerdict: verdictSaying('load run', 'thresholds crossed'), loadSummary: undefined })).toBe(99);
    expect(loadExitCodeOf({ run, previousVerdict: verdictSaying('load run', 'a shard failed'), loadSummary: undefined })).toBe(1);
    expect(loadExitCodeOf({ run, previousVerdict: verdictSaying('load run', 'exit code 7'), loadSummary: undefined })).toBe(7);
  });

  it('else infers it from the summary thresholds, and is -1 when nothing tells; rows of other names are not read', () => {
    expect(loadExitCodeOf({ run, previousVerdict: verdictSaying('another run', 'completed'), loadSummary: crossed })).toBe(99);
    expect(loadExitCodeOf({ run, previousVerdict: undefined, loadSummary: { metrics: {} } })).toBe(0);
    expect(loadExitCodeOf({ run, previousVerdict: verdictSaying('another run', 'completed'), loadSummary: undefined })).toBe(-1);
  });
});
