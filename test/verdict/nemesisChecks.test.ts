// How a nemesis run is judged: availability not judged, errors judged outside the windows, integrity as strictly as ever.

import { describe, expect, it } from 'vitest';
import { gate, type GateInput } from '../../verdict/gate.ts';
import type { LoadSummary } from '../../verdict/loadSummary.ts';
import { NOT_JUDGED_UNDER_NEMESIS, type NemesisJudged } from '../../verdict/nemesisChecks.ts';
import { uncheckedLines } from '../../verdict/render.ts';
import { testTargets } from '../vocabulary/targetsFixture.ts';

const targets = testTargets();

/** A load that crossed its error threshold and its latency targets, as a kill under load does. */
const summary = {
  metrics: {
    http_req_duration: { type: 'trend', values: { 'p(95)': 4_000, 'p(99)': 9_000 } },
    http_req_failed: { type: 'rate', values: { rate: 0.08 }, thresholds: { 'rate<0.01': { ok: false } } },
    marketplace_oracle_mismatches: { type: 'counter', values: { count: 0 }, thresholds: { 'count<=0': { ok: true } } },
    checks: { type: 'rate', values: { rate: 0.9 } },
  },
} as unknown as LoadSummary;

function input(nemesis: NemesisJudged | undefined, classes: Record<string, number> = { lost: 0, duplicate: 0, phantom: 0 }): GateInput {
  return {
    profile: 'load',
    runId: 'run-1',
    targets,
    loadSummary: summary,
    loadExitCode: 99,
    intended: 50,
    integrity: { confirmed: 40, received: 40 - (classes.lost ?? 0), classes },
    piiFindings: 0,
    ...(nemesis ? { nemesis } : {}),
  };
}

const kill: NemesisJudged = { events: 1, notReached: [], during: { requests: 120, failed: 90 }, outside: { requests: 1_000, failed: 3 } };
const check = (verdict: ReturnType<typeof gate>, name: string) => verdict.checks.find((c) => c.name === name);

describe('the gate under a nemesis', () => {
  it('without a nemesis, the same run fails on its errors and latency', () => {
    const verdict = gate(input(undefined));
    expect(verdict.pass).toBe(false);
    expect(check(verdict, 'HTTP error rate')?.pass).toBe(false);
  });

  it('passes a run whose outages missed only the availability checks, counting the errors in the windows apart', () => {
    const verdict = gate(input(kill));
    expect(verdict.checks.filter((c) => !c.pass && c.notChecked === undefined)).toEqual([]);
    expect(verdict.pass).toBe(true);
    for (const name of ['load run', 'threshold http_req_failed: rate<0.01', 'latency p95', 'latency p99', 'failed response checks'])
      expect(check(verdict, name)?.notChecked).toBe(NOT_JUDGED_UNDER_NEMESIS);
    // A threshold on what an outage does not excuse stays judged.
    expect(check(verdict, 'threshold marketplace_oracle_mismatches: count<=0')).toMatchObject({ pass: true });
    expect(check(verdict, 'threshold marketplace_oracle_mismatches: count<=0')?.notChecked).toBeUndefined();
    expect(check(verdict, 'HTTP error rate')).toBeUndefined();
    expect(check(verdict, 'HTTP error rate outside nemesis windows')).toMatchObject({ actual: 0.3, pass: true, unit: 'percent' });
    expect(check(verdict, 'requests failed during nemesis windows')).toMatchObject({ actual: '90 of 120', pass: true });
    expect(check(verdict, 'enrollments confirmed to consumers')).toMatchObject({ actual: 40, pass: true });
    expect(check(verdict, 'nemesis events that happened')).toMatchObject({ pass: true });
  });

  it('says once why the availability checks were not judged, naming them all', () => {
    expect(uncheckedLines(gate(input(kill)))).toEqual([
      `NOT CHECKED in this run: load run, threshold http_req_failed: rate<0.01, latency p95, latency p99, failed response checks — ${NOT_JUDGED_UNDER_NEMESIS}`,
    ]);
  });

  it('judges integrity strictly: one enrollment lost or duplicated fails the run', () => {
    expect(gate(input(kill, { lost: 1, duplicate: 0 })).pass).toBe(false);
    const duplicated = gate(input(kill, { lost: 0, duplicate: 1 }));
    expect(duplicated.pass).toBe(false);
    expect(check(duplicated, 'integrity: duplicate')?.pass).toBe(false);
  });

  it('fails on errors outside the windows above the SLO, and on an event that never happened', () => {
    expect(check(gate(input({ ...kill, outside: { requests: 1_000, failed: 50 } })), 'HTTP error rate outside nemesis windows')?.pass).toBe(false);
    const missed = gate(input({ ...kill, events: 0, notReached: ['kill-exchange@99s'] }));
    expect(missed.pass).toBe(false);
    expect(check(missed, 'nemesis events that happened')?.actual).toMatch(/never reached \(the load ended first\): kill-exchange@99s/);
  });
});
