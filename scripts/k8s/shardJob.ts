// A profile split across N pods as plain Kubernetes objects: an Indexed Job whose pod i runs `harness shard --index i
// --of N`, the ConfigMap with targets.yaml, the ReadWriteMany claim every shard writes its folder to, and a pod to
// copy the folders out. Pure: the same input gives the same objects.

import type { ShardSizing } from './shardSizing.ts';
import type { PlanYear } from '../../vocabulary/planYear.ts';

/** Where the image holds the project (the Dockerfile's WORKDIR). */
export const APP_DIR = '/app';
/** The harness's entry in the image; run explicitly, so the Job does not depend on the image's ENTRYPOINT. */
export const HARNESS_COMMAND = ['node', `${APP_DIR}/bin/harness.mjs`] as const;
export const TARGETS_MOUNT = '/etc/harness';
export const TARGETS_FILE = 'targets.yaml';
export const RESULTS_MOUNT = '/results';
/** Set by the Job controller on every pod of an Indexed Job (and declared below from the same annotation). */
export const INDEX_ENV = 'JOB_COMPLETION_INDEX';
export const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
/** The node image's unprivileged user (`node`, uid and gid 1000). */
const NODE_UID = 1000;
/** How long the collector pod waits for `kubectl cp` before it ends. */
export const COLLECTOR_SECONDS = 3600;

export const LABELS = {
  partOf: 'app.kubernetes.io/part-of',
  component: 'app.kubernetes.io/component',
  testid: 'marketplace-harness/testid',
  profile: 'marketplace-harness/profile',
} as const;

export interface ShardJobInput {
  testid: string;
  profile: string;
  namespace: string;
  image: string;
  shards: number;
  /** The exchange under test as the pods reach it. */
  baseUrl: string;
  /** A Prometheus with the remote-write receiver, as the pods reach it; undefined for no metrics. */
  prometheusUrl: string | undefined;
  seed: number;
  scale: number;
  durationSeconds: number | undefined;
  planYear: PlanYear;
  /** When every shard starts its load (epoch ms): fixed when the manifests are written. */
  startAtMs: number;
  targetsYaml: string;
  sizing: ShardSizing;
  storageClass: string | undefined;
  /** Seconds the Job may run, from its start to its end, before Kubernetes stops every shard. */
  activeDeadlineSeconds: number;
  /** Seconds a stopped shard gets to finish its journeys and write its folder. */
  terminationGraceSeconds: number;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  [field: string]: unknown;
}

export const jobName = (testid: string): string => `marketplace-${testid}`.toLowerCase();
export const shardFolder = (testid: string, index: string | number): string => `${RESULTS_MOUNT}/${testid}/shard-${index}`;

export function labels(input: Pick<ShardJobInput, 'testid' | 'profile'>, component: string): Record<string, string> {
  return { [LABELS.partOf]: 'marketplace-load-harness', [LABELS.component]: component, [LABELS.testid]: input.testid, [LABELS.profile]: input.profile };
}

/**
 * `harness shard …` for every pod; the kubelet replaces $(JOB_COMPLETION_INDEX) with the pod's index. --allow-remote:
 * the exchange is the cluster's, never the pod's own loopback, and `harness k8s --base-url` named it.
 */
export function shardArgs(input: ShardJobInput): string[] {
  const index = `$(${INDEX_ENV})`;
  return [
    'shard',
    '--profile',
    input.profile,
    '--index',
    index,
    '--of',
    String(input.shards),
    '--base-url',
    input.baseUrl,
    '--out',
    shardFolder(input.testid, index),
    '--targets',
    `${TARGETS_MOUNT}/${TARGETS_FILE}`,
    '--seed',
    String(input.seed),
    '--scale',
    String(input.scale),
    ...(input.durationSeconds === undefined ? [] : ['--duration', `${input.durationSeconds}s`]),
    '--plan-year',
    String(input.planYear),
    '--start-at',
    String(input.startAtMs),
    ...(input.prometheusUrl === undefined ? [] : ['--prometheus', input.prometheusUrl]),
    '--testid',
    input.testid,
    '--workers',
    String(input.sizing.workers),
    '--allow-remote',
  ];
}

const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
const podSecurity = { runAsNonRoot: true, runAsUser: NODE_UID, runAsGroup: NODE_UID, fsGroup: NODE_UID, seccompProfile: { type: 'RuntimeDefault' } };

function resultsVolume(input: ShardJobInput): { name: string; persistentVolumeClaim: { claimName: string } } {
  return { name: 'results', persistentVolumeClaim: { claimName: `${jobName(input.testid)}-results` } };
}

export function targetsConfigMap(input: ShardJobInput): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${jobName(input.testid)}-targets`, namespace: input.namespace, labels: labels(input, 'targets') },
    data: { [TARGETS_FILE]: input.targetsYaml },
  };
}

export function resultsClaim(input: ShardJobInput): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: resultsVolume(input).persistentVolumeClaim.claimName, namespace: input.namespace, labels: labels(input, 'results') },
    spec: {
      // Every shard's pod mounts it at once, on whatever node it runs: ReadWriteMany.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: `${input.sizing.storageGiB}Gi` } },
      ...(input.storageClass === undefined ? {} : { storageClassName: input.storageClass }),
    },
  };
}

export function shardJob(input: ShardJobInput): Manifest {
  const name = jobName(input.testid);
  const memory = `${input.sizing.memoryMiB}Mi`;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: input.namespace, labels: labels(input, 'shard') },
    spec: {
      completionMode: 'Indexed',
      completions: input.shards,
      parallelism: input.shards,
      // Never retried: a second try of shard i would send its journeys again (the exchange would see those consumers
      // twice and the ledger would not match one run). A failed shard fails the Job and is judged as such.
      backoffLimit: 0,
      activeDeadlineSeconds: input.activeDeadlineSeconds,
      template: {
        metadata: { labels: labels(input, 'shard') },
        spec: {
          // Never, not OnFailure: a container restarted in place would also send its journeys again.
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: input.terminationGraceSeconds,
          enableServiceLinks: false,
          securityContext: podSecurity,
          containers: [
            {
              name: 'shard',
              image: input.image,
              imagePullPolicy: 'IfNotPresent',
              command: [...HARNESS_COMMAND],
              args: shardArgs(input),
              // The Job controller sets this same variable when it is missing; declared here so the manifest says where
              // $(JOB_COMPLETION_INDEX) in the args comes from.
              env: [{ name: INDEX_ENV, valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_ANNOTATION}']` } } }],
              resources: {
                requests: { cpu: String(input.sizing.cpuCores), memory },
                limits: { memory },
              },
              securityContext: restricted,
              volumeMounts: [
                { name: 'targets', mountPath: TARGETS_MOUNT, readOnly: true },
                { name: 'results', mountPath: RESULTS_MOUNT },
              ],
            },
          ],
          volumes: [{ name: 'targets', configMap: { name: `${name}-targets` } }, resultsVolume(input)],
        },
      },
    },
  };
}

/** A pod that only mounts the results claim, for `kubectl cp` once the Job is done. */
export function collectorPod(input: ShardJobInput): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${jobName(input.testid)}-collect`, namespace: input.namespace, labels: labels(input, 'collector') },
    spec: {
      restartPolicy: 'Never',
      activeDeadlineSeconds: COLLECTOR_SECONDS,
      enableServiceLinks: false,
      securityContext: podSecurity,
      containers: [
        {
          name: 'collect',
          image: input.image,
          imagePullPolicy: 'IfNotPresent',
          command: ['sleep', String(COLLECTOR_SECONDS)],
          resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { memory: '1Gi' } },
          securityContext: restricted,
          volumeMounts: [{ name: 'results', mountPath: RESULTS_MOUNT }],
        },
      ],
      volumes: [resultsVolume(input)],
    },
  };
}
