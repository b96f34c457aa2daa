// The dashboards and rules as built: structure every panel relies on, and promtool's own checks of the rules, their
// unit tests and a run's Prometheus config (the real promtool from Debian's prometheus package).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILD_LAYOUT, buildFiles } from '../../dashboards/build.ts';
import { prometheusConfigYaml } from '../../dashboards/prometheus/config.ts';
import { allPanelQueries, panelsOf, substituteVariables } from '../../dashboards/queries.ts';
import { writeBuild } from '../../scripts/dashboards/writeBuild.ts';
import { findPrometheus } from '../../scripts/tools/prometheus.ts';
import { testTargets, writeTestTargets } from '../vocabulary/targetsFixture.ts';

const targets = testTargets();

function promtool(args: string[], cwd: string): { status: number | null; output: string } {
  const binary = findPrometheus();
  if (!binary) throw new Error('Prometheus is not installed: `npm test` installs it (harness setup --prometheus)');
  const result = spawnSync(binary.promtool, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('dashboards build', () => {
  const files = buildFiles({ targets, grafanaPath: '/srv/harness-build', prometheusUrl: 'http://127.0.0.1:9090' });
  const dashboards = files.filter((f) => f.path.startsWith(`${BUILD_LAYOUT.dashboards}/`)).map((f) => JSON.parse(f.text));

  it('builds the four dashboards with fixed, distinct uids and a testid variable', () => {
    expect(dashboards.map((d) => d.title)).toHaveLength(4);
    const uids = dashboards.map((d) => d.uid);
    expect(new Set(uids).size).toBe(4);
    for (const d of dashboards) {
      expect(d.uid).toMatch(/^marketplace-/);
      expect(d.templating.list.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['datasource', 'testid']));
    }
  });

  it('gives every panel at least one query, and every query selects the run with testid', () => {
    for (const d of dashboards) for (const panel of panelsOf(d)) expect(panel.targets?.length ?? 0, `${d.title} › ${panel.title}`).toBeGreaterThan(0);
    const queries = allPanelQueries(targets);
    expect(queries.length).toBeGreaterThan(40);
    for (const q of queries) {
      // Every series selector names the run: a `{` that opens a selector without testid would mix runs.
      const selectors = q.expr.match(/[a-z_:]+\{[^}]*\}/g) ?? [];
      expect(selectors.length, `${q.dashboard} › ${q.panel}: ${q.expr}`).toBeGreaterThan(0);
      for (const s of selectors) expect(s, `${q.dashboard} › ${q.panel}`).toContain('testid="$testid"');
    }
  });

  it('substitutes only the Grafana variables it knows, and names any other', () => {
    const vars = { testid: 'run-1', rateInterval: '4s', interval: '1s', range: '60s' };
    expect(substituteVariables('rate(x{testid="$testid"}[$__rate_interval])', vars)).toBe('rate(x{testid="run-1"}[4s])');
    expect(() => substituteVariables('x{instance="$instance"}', vars)).toThrow(/\$instance/);
  });

  it('provisions a Prometheus datasource and a dashboards folder Grafana reads', () => {
    const datasources = parse(files.find((f) => f.path === BUILD_LAYOUT.datasources)!.text);
    expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', url: 'http://127.0.0.1:9090' });
    const providers = parse(files.find((f) => f.path === BUILD_LAYOUT.providers)!.text);
    expect(providers.providers[0]).toMatchObject({ type: 'file', options: { path: '/srv/harness-build/dashboards' } });
  });
});

describe('promtool', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'dashboards-build-'));
    writeBuild(out, writeTestTargets(), 'http://127.0.0.1:9090');
  });

  it('checks the generated rules', () => {
    const result = promtool(['check', 'rules', 'rules.yml'], join(out, 'prometheus'));
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('passes the rules’ unit tests: error and latency budgets page, a healthy run raises nothing', () => {
    const result = promtool(['test', 'rules', 'rules.test.yml'], join(out, 'prometheus'));
    expect(result.status, result.output).toBe(0);
  });

  it('fails a rule unit test that expects the wrong thing (the tests can fail)', () => {
    const dir = join(out, 'prometheus');
    const original = readFileSync(join(dir, 'rules.test.yml'), 'utf8');
    // The healthy run's "no alert" now expects a page.
    const broken = original.replace(/exp_alerts: \[\]/, 'exp_alerts:\n          - exp_labels: { severity: page }');
    expect(broken).not.toBe(original);
    writeFileSync(join(dir, 'rules.wrong.test.yml'), broken);
    expect(promtool(['test', 'rules', 'rules.wrong.test.yml'], dir).status).not.toBe(0);
  });

  it('checks a run’s Prometheus config with the rule file', () => {
    const config = prometheusConfigYaml({
      testid: 'run-1',
      targets: { exchange: ['127.0.0.1:8080'], insurer: ['127.0.0.1:8081'], harness: ['127.0.0.1:8082'] },
      scrapeIntervalSeconds: 1,
      ruleFiles: ['rules.yml'],
    });
    writeFileSync(join(out, 'prometheus', 'prometheus.yml'), config);
    const result = promtool(['check', 'config', 'prometheus.yml'], join(out, 'prometheus'));
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS/);
  });
});
