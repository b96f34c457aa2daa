// `harness k8s`: plans a profile as `harness run` would, sizes its shards and writes the Indexed Job, its ConfigMap,
// the results claim, the collector pod and a README to a folder. The shards generate their own applicants.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { plannedSeconds } from '../../engine/plan.ts';
import type { Profile } from '../run/profiles/index.ts';
import { newRunId } from '../run/runFolder.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { k8sReadme, MANIFEST_FILES } from './k8sReadme.ts';
import { collectorPod, jobName, resultsClaim, shardJob, targetsConfigMap, type Manifest, type ShardJobInput } from './shardJob.ts';
import { shardSizing, type ShardSizing } from './shardSizing.ts';
import { ensureWritableFolder } from '../outputFolder.ts';
import type { PlanYear } from '../../vocabulary/planYear.ts';

/** Kubernetes keeps a ConfigMap's data under 1 MiB (etcd's object limit); only targets.yaml goes in one now. */
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;
/** Beyond the plan's time and the start delay: pulling the image, scheduling, the shards writing their folders. */
const DEADLINE_MARGIN_SECONDS = 600;
/** Beyond the plan's graceful stop, for a stopped shard to write its folder. */
const STOP_MARGIN_SECONDS = 30;

export interface K8sOptions {
  profile: Profile;
  targets: Targets;
  targetsFile: string;
  shards: number;
  outDir: string;
  baseUrl: string;
  prometheusUrl: string | undefined;
  namespace: string;
  image: string;
  storageClass: string | undefined;
  seed: number;
  scale: number;
  durationSeconds?: number;
  planYear: PlanYear;
  startDelaySeconds: number;
  /** The clock, for tests. */
  now?: () => Date;
}

export interface K8sOutcome {
  testid: string;
  name: string;
  files: string[];
  startAt: Date;
  sizing: ShardSizing;
  describe: string;
}

const yamlDocuments = (manifests: readonly Manifest[]): string => manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');

function writableFolder(dir: string): void {
  ensureWritableFolder(dir, '--out');
}

function targetsYamlOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) > CONFIG_MAP_MAX_BYTES)
    throw new UsageError(`--targets ${file}`, 'a targets file under 1 MiB (it goes in a ConfigMap)', 'Remove what the targets do not need.');
  return text;
}

export function writeK8sManifests(options: K8sOptions): K8sOutcome {
  const { profile, targets } = options;
  const plan = profile.plan({ targets, scale: options.scale, durationSeconds: options.durationSeconds });
  const { loadPlan } = plan;
  const seconds = plannedSeconds(loadPlan.executor) + loadPlan.gracefulStopSeconds;
  writableFolder(options.outDir);
  const writtenAt = (options.now ?? (() => new Date()))();
  const testid = newRunId(profile.name, writtenAt);
  const sizing = shardSizing({ shards: options.shards, maxUsers: plan.maxUsers, applicants: plan.applicants, seconds });
  const job: ShardJobInput = {
    testid,
    profile: profile.name,
    namespace: options.namespace,
    image: options.image,
    shards: options.shards,
    baseUrl: options.baseUrl,
    prometheusUrl: options.prometheusUrl,
    seed: options.seed,
    scale: options.scale,
    durationSeconds: options.durationSeconds,
    planYear: options.planYear,
    startAtMs: writtenAt.getTime() + Math.round(options.startDelaySeconds * 1000),
    targetsYaml: targetsYamlOf(options.targetsFile),
    sizing,
    storageClass: options.storageClass,
    activeDeadlineSeconds: Math.ceil(options.startDelaySeconds + seconds + DEADLINE_MARGIN_SECONDS),
    terminationGraceSeconds: Math.ceil(loadPlan.gracefulStopSeconds + STOP_MARGIN_SECONDS),
  };
  const files = [
    join(options.outDir, MANIFEST_FILES.manifests),
    join(options.outDir, MANIFEST_FILES.collector),
    join(options.outDir, MANIFEST_FILES.readme),
  ] as const;
  writeFileSync(files[0], yamlDocuments([targetsConfigMap(job), resultsClaim(job), shardJob(job)]));
  writeFileSync(files[1], yamlDocuments([collectorPod(job)]));
  writeFileSync(files[2], k8sReadme({ job, dir: options.outDir, writtenAt, describe: plan.describe }));
  return { testid, name: jobName(testid), files: [...files], startAt: new Date(job.startAtMs), sizing, describe: plan.describe };
}
