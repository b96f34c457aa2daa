// `harness k8s`: the manifests it writes validate against the Kubernetes API's own schema (and fail on a wrong field),
// the Job is Indexed, never retried, each pod running `harness shard --index $(JOB_COMPLETION_INDEX) --of N` that
// starts at the time fixed when the manifests were written, and the pieces point at each other.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MANIFEST_FILES } from '../../../scripts/k8s/k8sReadme.ts';
import { INDEX_ANNOTATION, LABELS, RESULTS_MOUNT, TARGETS_FILE, TARGETS_MOUNT } from '../../../scripts/k8s/shardJob.ts';
import { writeK8sManifests, type K8sOptions, type K8sOutcome } from '../../../scripts/k8s/writeManifests.ts';
import { profileNamed } from '../../../scripts/run/profiles/index.ts';
import { testTargets, writeTestTargets } from '../../vocabulary/targetsFixture.ts';
import { describeErrors, manifestValidators } from './k8sSchema.ts';

type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  data?: Record<string, string>;
  spec?: any;
};

const OWN_TARGETS_FILE = writeTestTargets();
const WRITTEN_AT = new Date('2026-03-01T12:00:00.000Z');
const k8sOptions = (outDir: string, overrides: Partial<K8sOptions> = {}): K8sOptions => ({
  profile: profileNamed('load'),
  targets: testTargets(),
  targetsFile: OWN_TARGETS_FILE,
  shards: 4,
  outDir,
  baseUrl: 'http://exchange.marketplace.svc:8080',
  prometheusUrl: 'http://prometheus.monitoring.svc:9090',
  namespace: 'load-tests',
  image: 'registry.example/marketplace-load-harness:0.1.0',
  storageClass: 'nfs-client',
  seed: 3,
  scale: 0.02,
  durationSeconds: 600,
  planYear: 2026,
  startDelaySeconds: 90,
  now: () => WRITTEN_AT,
  ...overrides,
});

describe('harness k8s manifests', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'harness-k8s-'));
  const validators = manifestValidators();
  let outcome: K8sOutcome;
  let configMap: Doc;
  let claim: Doc;
  let job: Doc;
  let collector: Doc;
  const read = (file: string): Doc[] => parseAllDocuments(readFileSync(join(outDir, file), 'utf8')).map((d) => d.toJS() as Doc);
  const container = () => job.spec.template.spec.containers[0];

  beforeAll(() => {
    outcome = writeK8sManifests(k8sOptions(outDir));
    [configMap, claim, job] = read(MANIFEST_FILES.manifests) as [Doc, Doc, Doc];
    [collector] = read(MANIFEST_FILES.collector) as [Doc];
  });

  it('every object validates against the Kubernetes API schema, closed to unknown fields', () => {
    expect([configMap, claim, job, collector].map((d) => d.kind)).toEqual(['ConfigMap', 'PersistentVolumeClaim', 'Job', 'Pod']);
    for (const doc of [configMap, claim, job, collector]) {
      const validate = validators[doc.kind as keyof typeof validators];
      expect(validate(doc), `${doc.kind}: ${describeErrors(validate.errors)}`).toBe(true);
    }
    // A Job's name becomes a label value on its pods: 63 characters at most.
    expect(job.metadata.name.length).toBeLessThanOrEqual(63);
  });

  it.each([
    [
      'a misspelt field (spec.completionsMode)',
      (j: any) => ((j.spec.completionsMode = 'Indexed'), delete j.spec.completionMode),
      /additional properties \(completionsMode\)/,
    ],
    ['completions as a string', (j: any) => (j.spec.completions = '4'), /\/spec\/completions must be integer/],
    ['an unknown container field (container.envs)', (j: any) => (j.spec.template.spec.containers[0].envs = []), /additional properties \(envs\)/],
    ['an env entry without a name', (j: any) => j.spec.template.spec.containers[0].env.push({ value: 'x' }), /env\/1 must have required property 'name'/],
    [
      'a fieldRef without its fieldPath',
      (j: any) => delete j.spec.template.spec.containers[0].env[0].valueFrom.fieldRef.fieldPath,
      /fieldRef must have required property 'fieldPath'/,
    ],
    [
      'a memory limit that is no quantity',
      (j: any) => (j.spec.template.spec.containers[0].resources.limits.memory = '1.2 GiB'),
      /limits\/memory must match pattern/,
    ],
    [
      'a volume mount without its path',
      (j: any) => delete j.spec.template.spec.containers[0].volumeMounts[0].mountPath,
      /must have required property 'mountPath'/,
    ],
    [
      'a claim volume under a wrong name (persistentVolume)',
      (j: any) => (j.spec.template.spec.volumes[1].persistentVolume = j.spec.template.spec.volumes[1].persistentVolumeClaim),
      /additional properties \(persistentVolume\)/,
    ],
    ['an upper-case name', (j: any) => (j.metadata.name = 'Load'), /\/metadata\/name must match pattern/],
    [
      'a label value with a space',
      (j: any) => (j.metadata.labels[LABELS.profile] = 'load test'),
      /\/metadata\/labels\/marketplace-harness~1profile must match pattern/,
    ],
    ['the Job under another apiVersion', (j: any) => (j.apiVersion = 'batch/v2'), /\/apiVersion must be equal to constant/],
  ])('fails on %s', (_what, breakIt, message) => {
    const broken = structuredClone(job);
    breakIt(broken);
    expect(validators.Job(broken)).toBe(false);
    expect(describeErrors(validators.Job.errors)).toMatch(message);
  });

  it('is an Indexed Job of N pods at once, never retried nor restarted in place', () => {
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 4, parallelism: 4, backoffLimit: 0 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });

  it('each pod runs `harness shard --index $(JOB_COMPLETION_INDEX) --of N` with the index from the pod annotation', () => {
    const c = container();
    expect(c.command).toEqual(['node', '/app/bin/harness.mjs']);
    expect(c.args.slice(0, 7)).toEqual(['shard', '--profile', 'load', '--index', '$(JOB_COMPLETION_INDEX)', '--of', '4']);
    expect(c.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX_ANNOTATION}']` } } }]);
    const flag = (name: string) => c.args[c.args.indexOf(name) + 1];
    expect(flag('--base-url')).toBe('http://exchange.marketplace.svc:8080');
    expect(flag('--out')).toBe(`${RESULTS_MOUNT}/${outcome.testid}/shard-$(JOB_COMPLETION_INDEX)`);
    expect(flag('--targets')).toBe(`${TARGETS_MOUNT}/${TARGETS_FILE}`);
    expect(flag('--prometheus')).toBe('http://prometheus.monitoring.svc:9090');
    expect([flag('--testid'), flag('--seed'), flag('--scale'), flag('--duration'), flag('--plan-year')]).toEqual([outcome.testid, '3', '0.02', '600s', '2026']);
    expect(flag('--workers')).toBe(String(outcome.sizing.workers));
    // The real `harness shard` refuses an exchange outside loopback without it; the cluster's exchange is not the pod's.
    expect(c.args.at(-1)).toBe('--allow-remote');
  });

  it('every shard starts at the time fixed when the manifests were written, plus --start-delay', () => {
    const startAt = Number(container().args[container().args.indexOf('--start-at') + 1]);
    expect(startAt).toBe(WRITTEN_AT.getTime() + 90_000);
    expect(outcome.startAt.getTime()).toBe(startAt);
    // The Job's deadline leaves room for the delay, the plan (600 s and its graceful stop) and a margin.
    expect(job.spec.activeDeadlineSeconds).toBeGreaterThan(90 + 600);
  });

  it('memory is requested and limited alike from the sizing; CPU is requested, not limited', () => {
    expect(container().resources).toEqual({
      requests: { cpu: String(outcome.sizing.cpuCores), memory: `${outcome.sizing.memoryMiB}Mi` },
      limits: { memory: `${outcome.sizing.memoryMiB}Mi` },
    });
  });

  it('the pieces point at each other: the targets ConfigMap, the results claim, the collector', () => {
    const volumes = Object.fromEntries(job.spec.template.spec.volumes.map((v: any) => [v.name, v]));
    expect(volumes.targets.configMap.name).toBe(configMap.metadata.name);
    expect(volumes.results.persistentVolumeClaim.claimName).toBe(claim.metadata.name);
    expect(container().volumeMounts).toEqual([
      { name: 'targets', mountPath: TARGETS_MOUNT, readOnly: true },
      { name: 'results', mountPath: RESULTS_MOUNT },
    ]);
    expect(collector.spec.volumes).toEqual([volumes.results]);
    expect(collector.spec.containers[0].volumeMounts).toEqual([{ name: 'results', mountPath: RESULTS_MOUNT }]);
    expect(claim.spec).toEqual({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: `${outcome.sizing.storageGiB}Gi` } },
      storageClassName: 'nfs-client',
    });
  });

  it('the ConfigMap holds targets.yaml only: the shards generate their own applicants', () => {
    expect(configMap.data).toEqual({ [TARGETS_FILE]: readFileSync(OWN_TARGETS_FILE, 'utf8') });
  });

  it('every object, and the shard pods, carry the testid and the profile', () => {
    for (const metadata of [configMap.metadata, claim.metadata, job.metadata, job.spec.template.metadata, collector.metadata]) {
      expect(metadata.labels).toMatchObject({ [LABELS.testid]: outcome.testid, [LABELS.profile]: 'load' });
    }
    for (const doc of [configMap, claim, job, collector]) expect(doc.metadata.namespace).toBe('load-tests');
  });

  it('leaves --prometheus and --duration off the command line when not given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harness-k8s-off-'));
    writeK8sManifests(k8sOptions(dir, { prometheusUrl: undefined, durationSeconds: undefined, storageClass: undefined, scale: 0.001 }));
    const [, pvc, offJob] = parseAllDocuments(readFileSync(join(dir, MANIFEST_FILES.manifests), 'utf8')).map((d) => d.toJS() as Doc) as [Doc, Doc, Doc];
    const args: string[] = offJob.spec.template.spec.containers[0].args;
    expect(args).not.toContain('--prometheus');
    expect(args).not.toContain('--duration');
    expect(pvc.spec.storageClassName).toBeUndefined();
    expect(validators.Job(offJob), describeErrors(validators.Job.errors)).toBe(true);
  });
});
