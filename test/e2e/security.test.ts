// The security profile by the real CLI, engine and exchange: the normal exchange passes it, and each vulnerable mode of
// the mock exchange (a fault switch) is caught — the load's thresholds are crossed (99) and the verdict names the probe class that got through.
// Runs are brief (6 s of background load) and run a few at a time, so the file takes about a minute and a half.

import { VULNERABLE_MODES as MODES } from '../scenarios/consumers/vulnerableModes.ts';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';
import { PROBE_CLASS_NAMES } from '../../scenarios/consumers/security/probeClasses.ts';
import { VULNERABLE_SWITCH_NAMES } from '../../mock-exchange/faults/index.ts';
import type { Household } from '../../domain/household.ts';
import { findPrometheus } from '../../scripts/tools/prometheus.ts';
import { failedChecks, runAndRead, runHarness, type RunFacts } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-security-'));

const breach = (probe: string) => `threshold ${METRIC_NAMES.securityProbesSucceeded}{probe:${probe}}: count==0`;
const breachedClasses = (facts: RunFacts): string[] => PROBE_CLASS_NAMES.filter((probe) => failedChecks(facts).includes(breach(probe)));

/** Runs `jobs` at most `width` at a time (two cores, shared): each run is the engine plus two services. */
function pooled<T>(jobs: (() => Promise<T>)[], width: number): Promise<T>[] {
  const started: Promise<T>[] = [];
  let running = Promise.resolve();
  const slots = Array.from({ length: width }, () => running);
  jobs.forEach((job, i) => {
    const slot = i % width;
    const result = slots[slot]!.then(job);
    started.push(result);
    slots[slot] = result.then(
      () => undefined,
      () => undefined,
    );
  });
  running = Promise.all(slots).then(() => undefined);
  return started;
}

// The normal run keeps its own Prometheus (when installed), so the PII scan below reads real label values too.
const run = (faults?: string) => () =>
  runAndRead(
    ['run', 'security', '--duration', '6s', '--prometheus', faults ? 'off' : 'auto', ...(faults ? ['--faults', `${faults}=1`] : [])],
    resultsDir,
    240_000,
  );

let normal: Promise<RunFacts>;
let vulnerable: Map<string, Promise<RunFacts>>;

beforeAll(() => {
  const runs = pooled([run(), ...MODES.map(([fault]) => run(fault))], 4);
  // Unhandled until each test awaits its own.
  for (const r of runs) r.catch(() => undefined);
  normal = runs[0]!;
  vulnerable = new Map(MODES.map(([fault], i) => [fault, runs[i + 1]!]));
});

describe('harness run security', () => {
  it('every vulnerable switch is covered here', () => {
    expect(MODES.map(([fault]) => fault).sort()).toEqual(['exchange.skipOwnershipCheck', ...VULNERABLE_SWITCH_NAMES].sort());
    expect(new Set(MODES.flatMap(([, classes]) => classes))).toEqual(new Set(PROBE_CLASS_NAMES));
  });

  it('passes the normal exchange: every probe class made its probes and none got through', async () => {
    const facts = await normal;
    expect(facts.loadExitCode, facts.output).toBe(0);
    expect(facts.code, facts.output).toBe(0);
    for (const probe of PROBE_CLASS_NAMES) {
      expect(facts.summary.metrics[`${METRIC_NAMES.securityProbes}{probe:${probe}}`]?.values.count, probe).toBeGreaterThan(0);
    }
    expect(Number(facts.checks.find((c) => c.name === 'enrollments confirmed to consumers')?.actual)).toBeGreaterThan(0);
    expect(Object.values(facts.reconciliation.classes).every((n) => n === 0)).toBe(true);
  }, 300_000);

  it('harness scan passes its folder, then catches an SSN planted in a log line', async () => {
    const facts = await normal;
    const clean = await runHarness(['scan', '--run', facts.runDir]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain('scan: no synthetic PII');
    if (findPrometheus()) expect(clean.stdout).toMatch(/scanned \d+ Prometheus label values/);
    const ssn = (JSON.parse(readFileSync(join(facts.runDir, 'applicants.ndjson'), 'utf8').split('\n')[0]!) as Household).members[0]!.ssn;
    const log = join(facts.runDir, 'exchange.log');
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean).length;
    appendFileSync(log, `exchange: could not price member ${ssn.slice(0, 3)}-${ssn.slice(3, 5)}-${ssn.slice(5)}\n`);
    const planted = await runHarness(['scan', '--run', facts.runDir]);
    expect(planted.code).toBe(1);
    expect(planted.stdout).toContain(`exchange.log:${lines + 1}: ssn ***-**-${ssn.slice(-4)}`);
    expect(planted.stdout + planted.stderr).not.toContain(`${ssn.slice(0, 3)}-${ssn.slice(3, 5)}`);
  }, 120_000);

  it.each(MODES)(
    'catches %s=1: the thresholds are crossed (99) and the verdict names %j',
    async (fault, caughtBy) => {
      const facts = await vulnerable.get(fault)!;
      expect(facts.loadExitCode, facts.output).toBe(99);
      expect(facts.code, facts.output).toBe(1);
      expect(breachedClasses(facts), facts.output).toEqual(caughtBy);
      expect(facts.output).toContain(`missed: load run, `);
      for (const probe of caughtBy) expect(facts.output).toContain(breach(probe));
    },
    300_000,
  );
});
