// The fault matrix: each back-end fault injected at a known rate over a real run (the real engine, exchange, 834s, insurer)
// is found by reconciliation exactly as often as it was injected, in exactly its class, and nowhere else.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFECT_CLASSES } from '../../reconcile/reconcile.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-faults-'));
// A 4 s delivery deadline: the harness then waits at most 8 s for the outbox, and a 6 s hold is late, not lost. (With
// 2 s, clean enrollments on a machine shared with other test files were seen arriving 2.1–2.6 s after confirmation.)
const targetsFile = join(resultsDir, 'targets.yaml');
writeFileSync(targetsFile, readFileSync(join(PROJECT_ROOT, 'targets.yaml'), 'utf8').replace(/deliveryDeadlineSeconds: \d+/, 'deliveryDeadlineSeconds: 4'));

interface Reconciliation {
  classes: Record<string, number>;
  garbledByField: Record<string, number>;
  injected: Record<string, number>;
}

// Without Prometheus (the reconciliation is what is judged here; test/e2e/observability.test.ts runs it): about 6 s a
// run spared.
async function runWithFaults(faults: string): Promise<Reconciliation> {
  const result = await runHarness(['run', 'smoke', '--scale', '6', '--seed', '4', '--results', resultsDir, '--targets', targetsFile, '--prometheus', 'off', '--faults', faults]);
  const runId = /· run (\S+)/.exec(result.stdout)?.[1];
  if (!runId) throw new Error(`no run id:\n${result.stdout}\n${result.stderr}`);
  expect(result.code, result.stdout + result.stderr).toBe(1);
  return JSON.parse(readFileSync(join(resultsDir, runId, 'reconciliation.json'), 'utf8')) as Reconciliation;
}

const GARBLES = ['relationship', 'dob', 'ssn', 'ratingArea', 'planId', 'aptc', 'premium'];

describe('fault matrix', () => {
  it.each([
    ['backend.drop=0.2', 'backend.drop', 'lost'],
    ['backend.duplicate=0.2', 'backend.duplicate', 'duplicate'],
    ['backend.misroute=0.2', 'backend.misroute', 'misrouted'],
    ['backend.delay=0.2,backend.delay.hold=6s', 'backend.delay', 'late'],
    ['exchange.wrongSubsidy=0.2', 'exchange.wrongSubsidy', 'subsidyMismatch'],
    ...GARBLES.map((field) => [`backend.garble.${field}=0.25`, `backend.garble.${field}`, 'garbled']),
  ])('%s is found exactly as injected, in its class only', async (spec, fault, defectClass) => {
    const reconciliation = await runWithFaults(spec);
    const injected = reconciliation.injected[fault] ?? 0;
    expect(injected, 'the fault was injected at all').toBeGreaterThan(0);
    expect(reconciliation.classes[defectClass]).toBe(injected);
    for (const other of DEFECT_CLASSES.filter((c) => c !== defectClass)) expect(reconciliation.classes[other], other).toBe(0);
    if (defectClass === 'garbled') expect(reconciliation.garbledByField[fault.split('.').at(-1)!]).toBe(injected);
  }, 120_000);
});

describe('faults accounted for', () => {
  it('a hold longer than the harness waits: late (pending at cut-off), never lost, and counted as injected', async () => {
    const reconciliation = (await runWithFaults('backend.delay=0.2,backend.delay.hold=12s')) as Reconciliation & { pendingAtCutOff: { count: number; waitedSeconds: number } };
    const injected = reconciliation.injected['backend.delay'] ?? 0;
    expect(injected).toBeGreaterThan(0);
    expect(reconciliation.classes.lost).toBe(0);
    expect(reconciliation.classes.late).toBe(injected);
    expect(reconciliation.pendingAtCutOff.count).toBeGreaterThan(0);
    expect(reconciliation.pendingAtCutOff.waitedSeconds).toBeGreaterThanOrEqual(8);
  }, 120_000);

  it('a switch that affected nothing fails the run naming it, unless --allow-idle-faults', async () => {
    const args = ['run', 'smoke', '--scale', '1', '--seed', '4', '--results', resultsDir, '--targets', targetsFile, '--prometheus', 'off', '--faults', 'backend.misroute=0.001'];
    const refused = await runHarness(args);
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stdout).toMatch(/FAIL\s+fault backend\.misroute=0\.001\s+affects ≥ 1 \(or --allow-idle-faults\)\s+affected 0 requests/);
    const allowed = await runHarness([...args, '--allow-idle-faults']);
    expect(allowed.stdout).toMatch(/ok\s+fault backend\.misroute=0\.001\s+may stay idle/);
    expect(allowed.stdout).not.toMatch(/missed:.*fault backend/);
  }, 120_000);
});
