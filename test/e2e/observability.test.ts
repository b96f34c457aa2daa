// The metrics path end to end: a real run with its own Prometheus (the engine's remote write with native histograms, the
// exchange, the insurer and the harness scraped), then every panel's every query against the recorded data.

import { ENGINE_SERIES } from '../../vocabulary/metrics/prometheusNames.ts';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelQuery } from '../../dashboards/queries.ts';
import { HARNESS_METRICS } from '../../vocabulary/metrics/harness.ts';
import { openRunPrometheus, type OpenedRun } from '../../scripts/observability/openRunPrometheus.ts';
import { instantQuery } from '../../scripts/observability/promQuery.ts';
import { verifyQueries } from '../../scripts/observability/verifyDashboards.ts';
import { prometheusConfigYaml } from '../../dashboards/prometheus/config.ts';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { startPrometheus } from '../../scripts/run/prometheusServer.ts';
import { findPrometheus } from '../../scripts/tools/prometheus.ts';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-observability-'));

function runDirOf(stdout: string): string {
  const runId = /· run (\S+)/.exec(stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${stdout}`);
  return join(resultsDir, runId);
}

describe('a run with its own Prometheus', () => {
  let runDir: string;
  let stdout: string;
  beforeAll(async () => {
    // A waiting room smaller than the load, so its queue and wait panels have something to show.
    const result = await runHarness(['run', 'smoke', '--scale', '5', '--prometheus', 'own', '--waiting-room', '3', '--results', resultsDir], {
      timeoutMs: 240_000,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    stdout = result.stdout;
    runDir = runDirOf(result.stdout);
  }, 250_000);

  it('keeps the run’s Prometheus data, config and rules in the run folder', () => {
    expect(stdout).toMatch(/metrics: Prometheus http:\/\/127\.0\.0\.1:\d+ \(testid /);
    for (const file of ['prometheus/prometheus.yml', 'prometheus/rules.yml', 'prometheus/data']) expect(existsSync(join(runDir, file)), file).toBe(true);
    const run = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    expect(run.metrics).toMatchObject({ testid: run.runId, prometheusDir: 'prometheus' });
    // The exchange's memory over the run, kept for `harness soak`.
    const memory = readFileSync(join(runDir, 'exchange-metrics.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.name === 'rssBytes');
    expect(memory.length).toBeGreaterThan(5);
    expect(memory.every((l: { value: number }) => l.value > 10_000_000)).toBe(true);
  });

  it('answers every panel’s every query with data for that run (harness dashboards verify)', async () => {
    const result = await runHarness(['dashboards', 'verify', '--run', runDir], { timeoutMs: 120_000 });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/all \d+ panel queries returned data/);
    expect(result.stdout).not.toMatch(/^(EMPTY|ERROR)/m);
  }, 130_000);

  describe('its recorded data, opened again', () => {
    let opened: OpenedRun;
    beforeAll(async () => {
      opened = await openRunPrometheus(runDir, join(resultsDir, 'reopen.log'));
    }, 60_000);
    afterAll(async () => opened?.close());

    it('holds the engine’s latency as a native histogram and the reconciliation figures, all under the run’s testid', async () => {
      const testid = opened.record.metrics!.testid;
      const at = new Date(opened.record.finishedAt);
      const histogram = await instantQuery(opened.prometheus.baseUrl, `histogram_count(sum(${ENGINE_SERIES.requestDuration}{testid="${testid}"}))`, at);
      expect(histogram.length).toBe(1);
      expect(histogram[0]!.values[0]![1]).toBeGreaterThan(0);
      const intact = await instantQuery(opened.prometheus.baseUrl, `${HARNESS_METRICS.enrollmentsIntact}{testid="${testid}"}`, new Date(at.getTime() + 2_000));
      // What the run's reconciliation counted (households referred to Medicaid/CHIP never enroll, so not every one).
      const reconciled = JSON.parse(readFileSync(join(runDir, 'reconciliation.json'), 'utf8')) as { enrollments: { intact: number } };
      expect(reconciled.enrollments.intact).toBeGreaterThan(0);
      expect(intact[0]?.values[0]?.[1]).toBe(reconciled.enrollments.intact);
      const otherRuns = await instantQuery(opened.prometheus.baseUrl, `count(up{testid!="${testid}"})`, at);
      expect(otherRuns).toHaveLength(0);
    });

    it('names the dashboard and panel of a query with no data, and of a query that errors', async () => {
      const bogus: PanelQuery[] = [
        { dashboard: 'Test', dashboardUid: 't', panel: 'Nothing recorded', refId: 'A', expr: 'sum(no_such_metric{testid="$testid"})' },
        { dashboard: 'Test', dashboardUid: 't', panel: 'Broken PromQL', refId: 'A', expr: 'sum(rate(' },
      ];
      const outcomes = await verifyQueries(opened.prometheus.baseUrl, bogus, {
        testid: opened.record.metrics!.testid,
        start: new Date(opened.record.startedAt),
        end: new Date(opened.record.finishedAt),
        scrapeIntervalSeconds: 1,
      });
      expect(outcomes.map((o) => [o.query.panel, o.status])).toEqual([
        ['Nothing recorded', 'empty'],
        ['Broken PromQL', 'error'],
      ]);
    });
  });
});

describe('a run whose Prometheus keeps its data in a chosen folder', () => {
  it('writes the TSDB there, not in the run folder, and the run data opens again from it through run.json', async () => {
    const shared = join(resultsDir, 'shared-tsdb');
    const run = await runHarness(['run', 'smoke', '--scale', '1', '--prometheus', 'own', '--prometheus-data', shared, '--results', resultsDir], {
      timeoutMs: 120_000,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const runDir = runDirOf(run.stdout);
    expect(existsSync(join(shared, 'wal'))).toBe(true);
    expect(existsSync(join(runDir, 'prometheus', 'data'))).toBe(false);
    expect(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).metrics.dataDir).toBe(shared);
    const opened = await openRunPrometheus(runDir, join(resultsDir, 'shared-reopen.log'));
    try {
      const up = await instantQuery(opened.prometheus.baseUrl, `count(up{testid="${opened.record.metrics!.testid}"})`, new Date(opened.record.finishedAt));
      expect(up[0]?.values[0]?.[1]).toBe(3);
    } finally {
      await opened.close();
    }
  }, 130_000);
});

describe('runs without their own Prometheus', () => {
  it('pushes the engine’s series, tagged with the run id, to an existing Prometheus given by URL', async () => {
    const group = new ProcessGroup();
    try {
      const existing = await startPrometheus(group, {
        binary: findPrometheus()!,
        dir: join(resultsDir, 'existing-prometheus'),
        configYaml: prometheusConfigYaml({ testid: 'unused', targets: { exchange: [], insurer: [] }, scrapeIntervalSeconds: 1, ruleFiles: [] }),
        logFile: join(resultsDir, 'existing-prometheus.log'),
      });
      const run = await runHarness(['run', 'smoke', '--scale', '1', '--prometheus', existing.baseUrl, '--results', resultsDir], { timeoutMs: 120_000 });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(`the load engine pushes to ${existing.baseUrl}`);
      const runId = /· run (\S+)/.exec(run.stdout)![1]!;
      const requests = await instantQuery(existing.baseUrl, `sum(${ENGINE_SERIES.requests}{testid="${runId}"})`);
      expect(requests[0]?.values[0]?.[1]).toBeGreaterThan(0);
    } finally {
      await group.stopAll(20_000);
    }
  }, 130_000);

  it('refuses `dashboards verify` on a run recorded with --prometheus off, saying how to record one', async () => {
    const run = await runHarness(['run', 'smoke', '--scale', '1', '--prometheus', 'off', '--results', resultsDir], { timeoutMs: 120_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('metrics: not collected (--prometheus off)');
    const verify = await runHarness(['dashboards', 'verify', '--run', runDirOf(run.stdout)]);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/--prometheus own/);
  }, 130_000);

  it('refuses a --prometheus that is neither a mode nor a URL, with exit 2', async () => {
    const result = await runHarness(['run', 'smoke', '--prometheus', 'ftp://example.com', '--results', resultsDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--prometheus ftp:\/\/example\.com: expected auto, own, off, or the http\(s\) URL/);
  });
});
