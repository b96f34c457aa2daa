// Every time-based profile run briefly (scaled down, a few seconds) by the real CLI with the real engine against the
// mock exchange, judged by the load's outcome code: 0 on a healthy exchange, 99 (thresholds) when a fault switch makes
// the exchange slow or wrong, and the oracle's mismatches counted when it computes a wrong subsidy.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../../scripts/targets/load.ts';
import { JOURNEY_KINDS, type JourneyKind } from '../../vocabulary/journeys.ts';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';
import { failedChecks as failed, runAndRead, type RunFacts as RunFolderFacts } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-profiles-'));

interface RunFacts extends RunFolderFacts {
  /** Journeys started, by kind, from the load's summary (marketplace_journeys by its `journey` tag). */
  journeys: Record<JourneyKind, number>;
}

function journeysByKind(summaryFile: string): Record<JourneyKind, number> {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { metrics: Record<string, { values: { count?: number } }> };
  return Object.fromEntries(JOURNEY_KINDS.map((k) => [k, summary.metrics[`${METRIC_NAMES.journeysStarted}{journey:${k}}`]?.values.count ?? 0])) as Record<
    JourneyKind,
    number
  >;
}

/** A brief run: a few users, 5 seconds (or `duration`), no Prometheus (not needed here, and it saves seconds a run). */
async function briefRun(profile: string, scale: number, faults = '', duration = '5s'): Promise<RunFacts> {
  const args = ['run', profile, '--scale', String(scale), '--duration', duration, '--prometheus', 'off'];
  const facts = await runAndRead(faults ? [...args, '--faults', faults] : args, resultsDir);
  return { ...facts, journeys: journeysByKind(join(facts.runDir, 'load-summary.json')) };
}

// Scales keep each run's peak to a few dozen journeys a second, well inside what the mock serves beside the engine on 2 cores.
const HEALTHY: [profile: string, scale: number][] = [
  ['load', 0.0004],
  ['spike', 0.0001],
  ['soak', 0.0004],
  ['breakpoint', 0.0001],
  ['concurrency', 0.0004],
];

describe.each(HEALTHY)('harness run %s on a healthy exchange', (profile, scale) => {
  it('passes: the load completes (0), journeys confirmed and reconciled with no defect', async () => {
    const facts = await briefRun(profile, scale);
    expect(facts.loadExitCode, facts.output).toBe(0);
    expect(facts.code, facts.output).toBe(0);
    expect(Number(facts.checks.find((c) => c.name === 'enrollments confirmed to consumers')?.actual)).toBeGreaterThan(0);
    expect(Object.values(facts.reconciliation.classes).every((n) => n === 0)).toBe(true);
    if (profile === 'load') expectTheFunnel(facts.journeys);
  }, 120_000);
});

/**
 * The consumers made the targets' funnel: each arrival's journey is fixed by its place in the arrivals, so each share
 * holds within two journeys; a returning consumer with no enrollment yet on its VU browses instead.
 */
function expectTheFunnel(journeys: Record<JourneyKind, number>): void {
  const { funnel } = loadTargets();
  const total = JOURNEY_KINDS.reduce((sum, kind) => sum + journeys[kind], 0);
  expect(total).toBeGreaterThan(20);
  for (const kind of ['apply', 'enroll'] as const) expect(Math.abs(journeys[kind] - funnel[kind] * total), `${kind} of ${total}`).toBeLessThanOrEqual(2);
  expect(Math.abs(journeys.browse + journeys.returning - (funnel.browse + funnel.returning) * total)).toBeLessThanOrEqual(2);
  expect(journeys.browse).toBeGreaterThan(0);
}

describe('time-based profiles against a faulty exchange', () => {
  // Latency on the route that applying and enrolling consumers request once (0.4 of the funnel's mean 4 requests a
  // journey: 10 % of requests) puts p95 past 1 s. The global
  // exchange.latency would slow /readyz too, and the harness would not see the exchange start.
  it('load: a slow exchange (exchange.latency.eligibility=1500ms) crosses the p95 SLO: its thresholds are crossed (99)', async () => {
    const facts = await briefRun('load', 0.0004, 'exchange.latency.eligibility=1500ms');
    expect(facts.loadExitCode, facts.output).toBe(99);
    expect(facts.code).toBe(1);
    expect(failed(facts)).toEqual(expect.arrayContaining(['load run', 'threshold http_req_duration: p(95)<1000', 'latency p95']));
  }, 120_000);

  it('breakpoint: a slow exchange aborts the ramp at the first threshold crossed, before its 20 s are up: its thresholds are crossed (99)', async () => {
    // The ramp starts from 0 a second, so the first slow answers come some seconds in (about 12 s of 20 here); a ramp
    // run to its end would last the 20 s and its graceful stop. 20 s leaves a busy machine room either way.
    const facts = await briefRun('breakpoint', 0.0001, 'exchange.latency.eligibility=1500ms', '20s');
    expect(facts.loadExitCode, facts.output).toBe(99);
    expect(failed(facts)).toContain('threshold http_req_duration: p(95)<1000');
    expect(facts.summary.durationSeconds).toBeLessThan(19);
  }, 120_000);

  it('soak: an exchange answering half its eligibility requests with 500 crosses the error-rate SLO: its thresholds are crossed (99)', async () => {
    const facts = await briefRun('soak', 0.0004, 'exchange.error.eligibility=0.5');
    expect(facts.loadExitCode, facts.output).toBe(99);
    expect(failed(facts)).toEqual(expect.arrayContaining(['threshold http_req_failed: rate<=0.01', 'HTTP error rate']));
  }, 120_000);

  it('spike: a wrong subsidy on every application is caught by the oracle checks and by reconciliation: its thresholds are crossed (99)', async () => {
    const facts = await briefRun('spike', 0.0001, 'exchange.wrongSubsidy=1');
    expect(facts.loadExitCode, facts.output).toBe(99);
    const mismatches = facts.summary.metrics.marketplace_oracle_mismatches?.values.count ?? 0;
    expect(mismatches).toBeGreaterThan(0);
    expect(failed(facts)).toEqual(
      expect.arrayContaining(['threshold marketplace_oracle_mismatches: count<=0', 'oracle mismatches', 'integrity: subsidyMismatch']),
    );
    expect(facts.reconciliation.classes.subsidyMismatch).toBeGreaterThan(0);
  }, 120_000);
});
