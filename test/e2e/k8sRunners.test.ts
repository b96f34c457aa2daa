// What `harness k8s` hands to Kubernetes, run here as the kubelet would run it: each pod's command and arguments
// from the Job, $(JOB_COMPLETION_INDEX) expanded to its index, the ConfigMap's targets.yaml and the results claim as
// local folders, two pods against the real mock exchange. The real `harness shard` must accept the command line, start
// when the manifests said, and write its folder; no applicant is enrolled by both shards.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { MANIFEST_FILES } from '../../scripts/k8s/k8sReadme.ts';
import { APP_DIR, INDEX_ENV, RESULTS_MOUNT, TARGETS_MOUNT } from '../../scripts/k8s/shardJob.ts';
import { writeK8sManifests } from '../../scripts/k8s/writeManifests.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { profileNamed } from '../../scripts/run/profiles/index.ts';
import { runFile } from '../../scripts/runFiles.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../../scripts/targets/load.ts';
import { startExchange, startInsurer } from './stack.ts';

const SHARDS = 2;
/** Long enough for both shard processes to start, generate the applicants and load their workers. */
const START_DELAY_SECONDS = 20;

interface Pod {
  code: number | null;
  output: string;
}

/** One pod of the Indexed Job: the container's command, the kubelet's $(VAR) expansion, the mounts as folders. */
function runPod(container: { command: string[]; args: string[] }, index: number, mounts: { targets: string; results: string }): Promise<Pod> {
  const local = (arg: string) =>
    arg
      .replaceAll(`$(${INDEX_ENV})`, String(index))
      .replace(new RegExp(`^${TARGETS_MOUNT}`), mounts.targets)
      .replace(new RegExp(`^${RESULTS_MOUNT}`), mounts.results)
      .replace(new RegExp(`^${APP_DIR}`), PROJECT_ROOT);
  const [node, ...rest] = [...container.command, ...container.args].map(local);
  expect(node).toBe('node');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, rest, { cwd: PROJECT_ROOT, env: { ...process.env, [INDEX_ENV]: String(index) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const householdsIn = (ledgerDir: string): string[] =>
  readdirSync(ledgerDir).flatMap((file) =>
    readFileSync(join(ledgerDir, file), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => String((JSON.parse(line) as { householdId: string }).householdId)),
  );

describe("the Kubernetes Job's pods, run locally as the kubelet would", () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-k8s-'));
  const group = new ProcessGroup();
  afterAll(() => group.stopAll());

  it('two pods run `harness shard` from the manifest, start together at --start-at and write disjoint shard folders', async () => {
    const insurer = await startInsurer(group, dir);
    const exchange = await startExchange(group, dir, insurer.baseUrl);
    const outcome = writeK8sManifests({
      profile: profileNamed('load'),
      targets: loadTargets(DEFAULT_TARGETS_FILE),
      targetsFile: DEFAULT_TARGETS_FILE,
      shards: SHARDS,
      outDir: join(dir, 'k8s'),
      baseUrl: exchange.baseUrl,
      prometheusUrl: undefined,
      namespace: 'default',
      image: 'marketplace-load-harness:test',
      storageClass: undefined,
      seed: 5,
      scale: 0.001,
      durationSeconds: 8,
      planYear: 2026,
      startDelaySeconds: START_DELAY_SECONDS,
    });
    const [configMap, , job] = parseAllDocuments(readFileSync(join(dir, 'k8s', MANIFEST_FILES.manifests), 'utf8')).map((d) => d.toJS()) as [any, any, any];
    const mounts = { targets: join(dir, 'etc-harness'), results: join(dir, 'results-claim') };
    mkdirSync(mounts.targets);
    for (const [file, text] of Object.entries(configMap.data as Record<string, string>)) writeFileSync(join(mounts.targets, file), text);
    mkdirSync(mounts.results);

    const container = job.spec.template.spec.containers[0];
    const pods = await Promise.all(Array.from({ length: job.spec.completions as number }, (_, i) => runPod(container, i, mounts)));
    // Exit 0 when the shard ran (its thresholds are judged on the merged test), whatever the exchange's speed.
    pods.forEach((pod, i) => expect(pod.code, `pod ${i}:\n${pod.output}`).toBe(0));

    const folders = Array.from({ length: SHARDS }, (_, i) => join(mounts.results, outcome.testid, `shard-${i}`));
    const records = folders.map((folder) => JSON.parse(readFileSync(join(folder, 'shard.json'), 'utf8')) as { testid: string; index: number; of: number; profile: string; startedAt: string; exitReason: string });
    records.forEach((record, i) => expect(record).toMatchObject({ testid: outcome.testid, index: i, of: SHARDS, profile: 'load', exitReason: 'completed' }));
    for (const record of records) {
      // Started when the manifests said (a shard that is late says so and starts at once).
      expect(Math.abs(Date.parse(record.startedAt) - outcome.startAt.getTime()), record.startedAt).toBeLessThan(1500);
    }
    for (const folder of folders) expect(readdirSync(folder)).toEqual(expect.arrayContaining(['shard.json', 'load-summary.json', 'load-seconds.ndjson', 'ledgers']));

    const enrolled = folders.map((folder) => householdsIn(runFile(folder, 'ledgerParts')));
    expect(enrolled.flat().length, 'the shards enrolled someone').toBeGreaterThan(0);
    expect(new Set(enrolled.flat()).size, 'no applicant enrolled by both shards').toBe(enrolled.flat().length);
  }, 150_000);
});
