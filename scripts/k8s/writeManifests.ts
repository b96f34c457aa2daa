// `harness k8s`: plans a profile as `harness run` would, generates its applicants, bundles its scenario and writes
// the k6-operator manifests (configmaps.yaml, testrun.yaml) and the applicants (for reconciliation) to a folder.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import { k6Config } from '../run/k6Config.ts';
import type { Profile } from '../run/profiles/index.ts';
import { newRunId } from '../run/runFolder.ts';
import { RUN_FILES } from '../runFiles.ts';
import type { Targets } from '../targets/schema.ts';
import { K6 } from '../tools/versions.ts';
import { UsageError } from '../usageError.ts';
import { bundleScenario } from './scenarioBundle.ts';
import { CONFIG_MAP_MAX_BYTES, podPaths, testRunManifests, type Manifest } from './testRunManifests.ts';

export const DEFAULT_K6_IMAGE = `grafana/k6:${K6.version.replace(/^v/, '')}`;
export const MANIFEST_FILES = { configMaps: 'configmaps.yaml', testRun: 'testrun.yaml' } as const;

export interface K8sOptions {
  profile: Profile;
  targets: Targets;
  targetsFile: string;
  parallelism: number;
  outDir: string;
  baseUrl: string;
  remoteWriteUrl: string | undefined;
  namespace: string;
  image: string;
  seed: number;
  scale: number;
  durationSeconds?: number;
  planYear: 2025 | 2026;
}

export interface K8sOutcome {
  testid: string;
  name: string;
  files: string[];
  applicants: number;
  configMapBytes: Record<string, number>;
  describe: string;
}

const yamlDocuments = (manifests: readonly Manifest[]): string => manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');

export async function writeK8sManifests(options: K8sOptions): Promise<K8sOutcome> {
  const { profile, targets } = options;
  const plan = profile.plan({ targets, scale: options.scale, durationSeconds: options.durationSeconds });
  const testid = newRunId(profile.name);
  const name = `marketplace-${testid}`.toLowerCase();
  try {
    mkdirSync(options.outDir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${options.outDir}`, 'a folder that can be created and written', `Check its path and permissions (${(error as NodeJS.ErrnoException).code}).`);
  }
  const applicantsFile = join(options.outDir, RUN_FILES.applicants);
  await writeApplicantsFile({ count: plan.applicants, seed: options.seed, planYear: options.planYear, file: applicantsFile });
  const { manifests, configMapBytes } = testRunManifests({
    name,
    namespace: options.namespace,
    parallelism: options.parallelism,
    testid,
    image: options.image,
    baseUrl: options.baseUrl,
    remoteWriteUrl: options.remoteWriteUrl,
    scenarioScript: await bundleScenario(profile.script),
    // Every runner reads the same applicants and takes one by its iteration's number in the whole test, which k6
    // keeps unique across the execution segments: no applicant is used twice.
    k6Config: { ...k6Config({ profile: profile.name, plan, targets, baseUrl: options.baseUrl, ...podPaths() }), applicantIndex: 'test' },
    targetsYaml: readFileSync(options.targetsFile, 'utf8'),
    applicantsNdjson: readFileSync(applicantsFile, 'utf8'),
  });
  for (const [map, bytes] of Object.entries(configMapBytes)) {
    if (bytes > CONFIG_MAP_MAX_BYTES) {
      const perApplicant = configMapBytes[`${name}-applicants`]! / plan.applicants;
      throw new UsageError(
        `ConfigMap ${map} (${(bytes / 1024 / 1024).toFixed(2)} MiB for ${plan.applicants.toLocaleString('en-US')} applicants)`,
        `at most 1 MiB, Kubernetes' limit (about ${Math.floor(CONFIG_MAP_MAX_BYTES / perApplicant).toLocaleString('en-US')} applicants)`,
        'Lower --scale or --duration, or serve the applicants from a volume (docs/kubernetes.md, "Beyond a ConfigMap").',
      );
    }
  }
  const configMapsFile = join(options.outDir, MANIFEST_FILES.configMaps);
  const testRunFile = join(options.outDir, MANIFEST_FILES.testRun);
  writeFileSync(configMapsFile, yamlDocuments(manifests.filter((m) => m.kind === 'ConfigMap')));
  writeFileSync(testRunFile, yamlDocuments(manifests.filter((m) => m.kind === 'TestRun')));
  return { testid, name, files: [configMapsFile, testRunFile, applicantsFile], applicants: plan.applicants, configMapBytes, describe: plan.describe };
}
