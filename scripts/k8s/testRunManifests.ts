// A harness profile as k6-operator manifests: a TestRun (k6.io/v1alpha1) running the profile's bundled scenario on
// N runner pods, and the ConfigMaps it reads — the scenario with its k6 config and the targets, and the applicants.
// The operator splits the test with execution segments, starts every runner paused and resumes them together,
// and tags each runner's samples `instance_id`; k6 pushes to Prometheus (native histograms) under the run's testid.

import { remoteWriteEnv } from '../run/k6Run.ts';

/** Where k6-operator mounts the ConfigMap named by spec.script.configMap. */
export const SCRIPT_MOUNT = '/test';
/** Where the runners find the applicants ConfigMap. */
export const APPLICANTS_MOUNT = '/applicants';
export const SCRIPT_FILE = 'scenario.js';
export const CONFIG_FILE = 'k6-config.json';
export const TARGETS_FILE = 'targets.yaml';
export const APPLICANTS_FILE = 'applicants.ndjson';
/** Kubernetes keeps a ConfigMap's data under 1 MiB (etcd's object limit). */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

export interface TestRunInput {
  /** The TestRun's name, a DNS-1123 label; its ConfigMaps are named after it. */
  name: string;
  namespace: string;
  parallelism: number;
  /** The run id every runner tags its samples with (testid), as a local run does. */
  testid: string;
  /** The k6 image of the runners, e.g. grafana/k6:1.8.1. */
  image: string;
  /** The exchange under test, as the runners reach it. */
  baseUrl: string;
  /** Prometheus's remote-write endpoint (…/api/v1/write), or undefined for no metrics output. */
  remoteWriteUrl: string | undefined;
  /** The scenario bundled into one ES module (k6 imports only). */
  scenarioScript: string;
  /** The run configuration k6 reads (scenarios/lib/config.ts), with file paths inside the runner pod. */
  k6Config: Record<string, unknown>;
  targetsYaml: string;
  applicantsNdjson: string;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  [field: string]: unknown;
}

const byteLength = (data: Record<string, string>): number => Object.values(data).reduce((n, text) => n + Buffer.byteLength(text), 0);

function configMap(name: string, input: TestRunInput, data: Record<string, string>): Manifest {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: input.namespace, labels: labels(input) }, data };
}

function labels(input: TestRunInput): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'marketplace-load-harness', 'marketplace-harness/testid': input.testid };
}

/** The config's in-pod paths: the applicants where the runners mount them, the summary in the pod's /tmp. */
export function podPaths(): { applicantsFile: string; summaryFile: string; configFile: string } {
  return { applicantsFile: `${APPLICANTS_MOUNT}/${APPLICANTS_FILE}`, summaryFile: '/tmp/k6-summary.json', configFile: `${SCRIPT_MOUNT}/${CONFIG_FILE}` };
}

export function testRunManifests(input: TestRunInput): { manifests: Manifest[]; configMapBytes: Record<string, number> } {
  const scenarioMap = `${input.name}-scenario`;
  const applicantsMap = `${input.name}-applicants`;
  const scenarioData = { [SCRIPT_FILE]: input.scenarioScript, [CONFIG_FILE]: `${JSON.stringify(input.k6Config, null, 2)}\n`, [TARGETS_FILE]: input.targetsYaml };
  const applicantsData = { [APPLICANTS_FILE]: input.applicantsNdjson };
  const env = {
    HARNESS_CONFIG: podPaths().configFile,
    BASE_URL: input.baseUrl,
    K6_NO_USAGE_REPORT: 'true',
    ...remoteWriteEnv(input.remoteWriteUrl),
  };
  // JSON logs, so the ledger lines can be read back from the pods' logs as from a local run's k6.log.
  const args = [...(input.remoteWriteUrl ? ['--out experimental-prometheus-rw'] : []), `--tag testid=${input.testid}`, '--log-format=json'];
  const testRun: Manifest = {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: { name: input.name, namespace: input.namespace, labels: labels(input) },
    spec: {
      parallelism: input.parallelism,
      separate: false,
      arguments: args.join(' '),
      script: { configMap: { name: scenarioMap, file: SCRIPT_FILE } },
      runner: {
        image: input.image,
        metadata: { labels: labels(input) },
        env: Object.entries(env).map(([name, value]) => ({ name, value })),
        volumes: [{ name: 'applicants', configMap: { name: applicantsMap } }],
        volumeMounts: [{ name: 'applicants', mountPath: APPLICANTS_MOUNT, readOnly: true }],
      },
    },
  };
  return {
    manifests: [configMap(scenarioMap, input, scenarioData), configMap(applicantsMap, input, applicantsData), testRun],
    configMapBytes: { [scenarioMap]: byteLength(scenarioData), [applicantsMap]: byteLength(applicantsData) },
  };
}
