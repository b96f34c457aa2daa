// `harness k8s`: the TestRun validates against the k6-operator's CRD schema (and fails on a wrong field), the
// ConfigMaps are valid and under Kubernetes' 1 MiB, the pieces point at each other, the runners push native
// histograms to Prometheus under the testid, and the bundled scenario is one file the real k6 loads.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { writeK8sManifests, MANIFEST_FILES, type K8sOutcome } from '../../scripts/k8s/writeManifests.ts';
import { CONFIG_FILE, CONFIG_MAP_MAX_BYTES, SCRIPT_FILE, TARGETS_FILE } from '../../scripts/k8s/testRunManifests.ts';
import { profileNamed } from '../../scripts/run/profiles/index.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../../scripts/targets/load.ts';
import { ensureK6 } from '../../scripts/tools/k6.ts';
import { UsageError } from '../../scripts/usageError.ts';
import { configMapValidator, testRunValidator } from './crdValidator.ts';

type Doc = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec?: any };

const options = (outDir: string, scale: number) => ({
  profile: profileNamed('load'),
  targets: loadTargets(DEFAULT_TARGETS_FILE),
  targetsFile: DEFAULT_TARGETS_FILE,
  parallelism: 4,
  outDir,
  baseUrl: 'http://exchange.marketplace.svc:8080',
  remoteWriteUrl: 'http://prometheus.monitoring.svc:9090/api/v1/write',
  namespace: 'load-tests',
  image: 'grafana/k6:1.8.1',
  seed: 3,
  scale,
  durationSeconds: 120,
  planYear: 2026 as const,
});

describe('harness k8s manifests', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'harness-k8s-'));
  let outcome: K8sOutcome;
  let testRun: Doc;
  let scenario: Doc;
  let applicants: Doc;
  const validate = testRunValidator();
  const read = (file: string): Doc[] => parseAllDocuments(readFileSync(join(outDir, file), 'utf8')).map((d) => d.toJS() as Doc);

  beforeAll(async () => {
    outcome = await writeK8sManifests(options(outDir, 0.001));
    [testRun] = read(MANIFEST_FILES.testRun) as [Doc];
    [scenario, applicants] = read(MANIFEST_FILES.configMaps) as [Doc, Doc];
  });

  it('the TestRun validates against the k6-operator TestRun CRD schema', () => {
    expect(testRun.kind).toBe('TestRun');
    expect(validate(testRun), JSON.stringify(validate.errors)).toBe(true);
    expect(testRun.spec.parallelism).toBe(4);
  });

  it.each([
    ['a misspelt field (spec.paralelism)', (t: any) => ((t.spec.paralelism = t.spec.parallelism), delete t.spec.parallelism), /paralelism|parallelism/],
    ['parallelism as a string', (t: any) => (t.spec.parallelism = '4'), /integer/],
    ['a script ConfigMap without its name', (t: any) => delete t.spec.script.configMap.name, /name/],
    ['an env entry without a name', (t: any) => t.spec.runner.env.push({ value: 'x' }), /name/],
    ['an unknown runner field (runner.envs)', (t: any) => (t.spec.runner.envs = []), /additional/],
    ['an upper-case name', (t: any) => (t.metadata.name = 'Load'), /pattern/],
  ])('fails on %s', (_, breakIt, message) => {
    const broken = structuredClone(testRun);
    breakIt(broken);
    expect(validate(broken)).toBe(false);
    expect(JSON.stringify(validate.errors)).toMatch(message);
  });

  it('the ConfigMaps are valid, each under 1 MiB, and hold the bundled scenario, its config, the targets and the applicants', () => {
    const valid = configMapValidator();
    for (const map of [scenario, applicants]) {
      expect(valid(map), JSON.stringify(valid.errors)).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(map.data))).toBeLessThan(CONFIG_MAP_MAX_BYTES);
    }
    expect(Object.keys(scenario.data!).sort()).toEqual([CONFIG_FILE, SCRIPT_FILE, TARGETS_FILE].sort());
    expect(scenario.data![TARGETS_FILE]).toBe(readFileSync(DEFAULT_TARGETS_FILE, 'utf8'));
    expect(applicants.data!['applicants.ndjson']!.trim().split('\n')).toHaveLength(outcome.applicants);
    expect(readFileSync(join(outDir, 'applicants.ndjson'), 'utf8')).toBe(applicants.data!['applicants.ndjson']);
  });

  it('the pieces point at each other: script file, config path, applicants volume and mount', () => {
    const runner = testRun.spec.runner;
    expect(testRun.spec.script.configMap).toEqual({ name: scenario.metadata.name, file: SCRIPT_FILE });
    const env = Object.fromEntries(runner.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.HARNESS_CONFIG).toBe(`/test/${CONFIG_FILE}`); // k6-operator mounts the script's ConfigMap at /test
    expect(runner.volumes).toEqual([{ name: 'applicants', configMap: { name: applicants.metadata.name } }]);
    const config = JSON.parse(scenario.data![CONFIG_FILE]!) as { applicantsFile: string; applicantIndex: string; baseUrl: string };
    expect(config.applicantsFile).toBe(`${runner.volumeMounts[0].mountPath}/applicants.ndjson`);
    // Runners share one applicants file: iterationInTest is unique across execution segments.
    expect(config.applicantIndex).toBe('test');
    expect(env.BASE_URL).toBe(config.baseUrl);
  });

  it('runners push to Prometheus as native histograms, tagged with the testid', () => {
    const env = Object.fromEntries(testRun.spec.runner.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env).toMatchObject({ K6_PROMETHEUS_RW_SERVER_URL: 'http://prometheus.monitoring.svc:9090/api/v1/write', K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true' });
    expect(testRun.spec.arguments).toContain('--out experimental-prometheus-rw');
    expect(testRun.spec.arguments).toContain(`--tag testid=${outcome.testid}`);
  });

  it('the bundled scenario is one file the real k6 loads, with the planned scenario', () => {
    const k6 = ensureK6(() => {});
    const config = JSON.parse(scenario.data![CONFIG_FILE]!) as Record<string, unknown>;
    writeFileSync(join(outDir, 'local-config.json'), JSON.stringify({ ...config, applicantsFile: join(outDir, 'applicants.ndjson') }));
    writeFileSync(join(outDir, SCRIPT_FILE), scenario.data![SCRIPT_FILE]!);
    const inspected = JSON.parse(execFileSync(k6.path, ['inspect', '--execution-requirements', '-e', `HARNESS_CONFIG=${join(outDir, 'local-config.json')}`, join(outDir, SCRIPT_FILE)], { encoding: 'utf8' })) as { scenarios: Record<string, { executor: string }> };
    expect(inspected.scenarios.load?.executor).toBe('ramping-arrival-rate');
    expect(scenario.data![SCRIPT_FILE]).not.toMatch(/from ['"]\.\.?\//); // nothing left to import but k6's modules
  });

  it('refuses a plan whose applicants exceed a ConfigMap, saying how many fit', async () => {
    const error = await writeK8sManifests(options(mkdtempSync(join(tmpdir(), 'harness-k8s-big-')), 0.02)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/at most 1 MiB.*about [\d,]+ applicants/);
  });
});
