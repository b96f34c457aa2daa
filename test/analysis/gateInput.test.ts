import { describe, expect, it } from 'vitest';
import { gateInputOf, type RunFolderFacts } from '../../analysis/gateInput.ts';
import { gate } from '../../verdict/gate.ts';
import { loadTargets } from '../../scripts/targets/load.ts';

const targets = loadTargets();
const facts = (maxDroppedIterations: number | null | undefined): RunFolderFacts => ({
  run: { runId: 'r', profile: 'load', count: 100, intendedEnrollments: null, loadExitCode: 0, maxDroppedIterations },
  loadSummary: { metrics: { dropped_iterations: { type: 'counter', contains: 'default', values: { count: 7, rate: 0.1 } } } } as never,
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
