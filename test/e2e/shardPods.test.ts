// The Kubernetes Job's pods, run here as the kubelet would run them, collected as its README says, and judged against
// `harness run --shards N` of the same test: the same verdict, the same journeys and enrollments planned and
// confirmed, every applicant enrolled once, every enrollment received intact by the insurer. `harness k8s` writes the
// manifests for a mock exchange on loopback; what only a cluster gives is given here: the index from the pod's
// annotation (the downward API), the ConfigMap's files and the results claim as folders, the image's working
// directory as this repository, `kubectl cp` as a copy.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { downloadInsurerRecords, waitForOutboxDrain } from '../../scripts/run/backEnd.ts';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { runAndRead, runHarness } from './harness.ts';
import { startExchange, startInsurer } from './stack.ts';

const TEST = ['--seed', '11', '--scale', '1'] as const;
const SHARDS = 2;
/** Time for the pods (processes here) to start, generate the applicants and load their workers before --start-at. */
const START_DELAY = '15s';
/** What the Job controller annotates pod i of an Indexed Job with (Kubernetes' contract, not the harness's). */
const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

type EnvVar = { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } };
interface Container {
  command: string[];
  args: string[];
  env?: EnvVar[];
  workingDir?: string;
  volumeMounts: { name: string; mountPath: string }[];
}
type Volume = { name: string; configMap?: { name: string }; persistentVolumeClaim?: { claimName: string } };
type Doc = { kind: string; metadata: { name: string }; data?: Record<string, string>; spec?: any };

/** The container's variables as the kubelet sets them for a pod with these annotations (literal, or the downward API's). */
function podEnv(env: EnvVar[], annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    env.map((v) => {
      if (v.value !== undefined) return [v.name, v.value];
      const key = /^metadata\.annotations\['(.+)'\]$/.exec(v.valueFrom?.fieldRef?.fieldPath ?? '')?.[1];
      if (key === undefined || annotations[key] === undefined)
        throw new Error(`env ${v.name}: from ${JSON.stringify(v.valueFrom)}, which this test does not provide`);
      return [v.name, annotations[key]];
    }),
  );
}

/** The kubelet's expansion of command and args: $(VAR) of a defined variable is replaced, $$ is a literal $. */
const expand = (arg: string, env: Record<string, string>): string =>
  arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) => (name === undefined ? '$' : (env[name] ?? match)));

/** A path in the pod as a local one: the longest of `paths` (pod path → local path) it is in; anything else as is. */
function localPath(arg: string, paths: [string, string][]): string {
  const hit = [...paths].sort((a, b) => b[0].length - a[0].length).find(([pod]) => arg === pod || arg.startsWith(`${pod}/`));
  return hit ? hit[1] + arg.slice(hit[0].length) : arg;
}

const ndjson = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const json = (dir: string, file: Parameters<typeof runFile>[1]): any => JSON.parse(readFileSync(runFile(dir, file), 'utf8'));
const householdsOf = (dir: string): string[] => ndjson(runFile(dir, 'ledger')).map((entry) => String(entry.householdId));

describe('the Job pods exact command, run locally and collected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-e2e-shard-pods-'));
  const group = new ProcessGroup();
  afterAll(() => group.stopAll(2_000));

  it(`${SHARDS} pods of the Indexed Job and harness collect judge the test as harness run --shards ${SHARDS} does`, async () => {
    const run = await runAndRead(['run', 'smoke', ...TEST, '--shards', String(SHARDS), '--prometheus', 'off'], join(dir, 'runs'), 120_000);
    expect(run.code, run.output).toBe(0);

    const insurer = await startInsurer(group, dir);
    const exchange = await startExchange(group, dir, insurer.baseUrl);
    const k8sDir = join(dir, 'k8s');
    const k8s = await runHarness([
      'k8s',
      '--profile',
      'smoke',
      ...TEST,
      '--shards',
      String(SHARDS),
      '--out',
      k8sDir,
      '--base-url',
      exchange.baseUrl,
      '--prometheus',
      'off',
      '--start-delay',
      START_DELAY,
    ]);
    expect(k8s.code, k8s.stdout + k8s.stderr).toBe(0);

    const docs = parseAllDocuments(readFileSync(join(k8sDir, 'manifests.yaml'), 'utf8')).map((d) => d.toJS() as Doc);
    const job = docs.find((d) => d.kind === 'Job')!;
    expect(job.spec.completionMode).toBe('Indexed');
    const pod = job.spec.template.spec as { containers: Container[]; volumes: Volume[] };
    expect(pod.containers).toHaveLength(1);
    const container = pod.containers[0]!;
    // The manifest names its command, so the image's ENTRYPOINT is not what runs; the image's WORKDIR is the repository.
    expect(container.command[0]).toBe('node');
    const workdir = [...readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8').matchAll(/^WORKDIR\s+(\S+)/gm)].at(-1)![1]!;
    const paths: [string, string][] = [[workdir, PROJECT_ROOT]];
    for (const mount of container.volumeMounts) {
      const volume = pod.volumes.find((v) => v.name === mount.name)!;
      const local = join(dir, 'volumes', volume.name);
      mkdirSync(local, { recursive: true });
      if (volume.configMap) {
        const configMap = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === volume.configMap!.name)!;
        for (const [file, text] of Object.entries(configMap.data ?? {})) writeFileSync(join(local, file), text);
      } else expect(volume.persistentVolumeClaim, `volume ${volume.name}: a ConfigMap or the results claim`).toBeDefined();
      paths.push([mount.mountPath, local]);
    }
    expect(readFileSync(join(dir, 'volumes', 'targets', 'targets.yaml'), 'utf8'), 'the ConfigMap holds the targets file').toBe(
      readFileSync(join(PROJECT_ROOT, 'targets.yaml'), 'utf8'),
    );

    const pods = Array.from({ length: job.spec.completions as number }, (_, index) => {
      const env = podEnv(container.env ?? [], { ...job.spec.template.metadata?.annotations, [INDEX_ANNOTATION]: String(index) });
      const [, ...argv] = [...container.command, ...container.args].map((arg) => localPath(expand(arg, env), paths));
      return {
        argv,
        process: group.spawn(`pod ${index}`, process.execPath, argv, {
          cwd: localPath(container.workingDir ?? workdir, paths),
          env: { ...process.env, ...env },
          logFile: join(dir, `pod-${index}.log`),
        }),
      };
    });
    const codes = await Promise.all(pods.map((p) => p.process.exited));
    codes.forEach((code, i) => expect(code, `pod ${i}: ${pods[i]!.argv.join(' ')}\n${readFileSync(join(dir, `pod-${i}.log`), 'utf8')}`).toBe(0));
    const startAt = Number(pods[0]!.argv[pods[0]!.argv.indexOf('--start-at') + 1]);

    // The README's collect steps, run from a working folder: kubectl cp out of the claim, then harness collect.
    const readme = readFileSync(join(k8sDir, 'README.md'), 'utf8');
    const cwd = join(dir, 'cwd');
    const [, claimPath, copied] = /kubectl .* cp \S+?:(\S+) (\S+)/.exec(readme)!;
    mkdirSync(dirname(join(cwd, copied!)), { recursive: true });
    cpSync(localPath(claimPath!, paths), join(cwd, copied!), { recursive: true });
    const collectArgs = /npm run harness -- (collect .*)/
      .exec(readme)![1]!
      .split(' ')
      .map((arg) => (arg.startsWith('results/') ? join(cwd, arg) : arg));
    const out = collectArgs[collectArgs.indexOf('--out') + 1]!;
    const collected = await runHarness(collectArgs);
    expect(collected.code, collected.stdout + collected.stderr).toBe(0);

    // The insurer's side, as harness run does it: the outbox drained, the insurer's records beside the ledger, reconciled.
    expect((await waitForOutboxDrain(exchange.baseUrl, 60_000)).drained).toBe(true);
    await downloadInsurerRecords(insurer.baseUrl, runFile(out, 'insurerRecords'));
    const reconciled = await runHarness(['reconcile', '--run', out]);
    expect(reconciled.code, reconciled.stdout + reconciled.stderr).toBe(0);

    // Started together, when the manifests said: never before, and after only when the pod was ready late and said so
    // (as a pod scheduled late would; on a busy machine a process can take longer than START_DELAY to start).
    for (let i = 0; i < SHARDS; i++) {
      const record = JSON.parse(readFileSync(join(cwd, copied!, `shard-${i}`, 'shard.json'), 'utf8')) as { startedAt: string; index: number };
      expect(record.index).toBe(i);
      const lateMs = Date.parse(record.startedAt) - startAt;
      expect(lateMs, `shard ${i} started at ${record.startedAt}`).toBeGreaterThan(-50);
      if (lateMs >= 1500)
        expect(readFileSync(join(dir, `pod-${i}.log`), 'utf8'), `shard ${i} started ${lateMs} ms late`).toMatch(
          /shard ready [\d.]+ s after the common start: starting now, late/,
        );
    }

    // The same verdict: both pass, and every check the collected test has is passed by the run too.
    const [runVerdict, podVerdict] = [json(run.runDir, 'verdict'), json(out, 'verdict')] as { pass: boolean; checks: { name: string; pass: boolean }[] }[];
    expect(runVerdict!.pass, run.output).toBe(true);
    expect(podVerdict!.pass, collected.stdout).toBe(true);
    for (const check of podVerdict!.checks.filter((c) => c.name !== 'shards merged'))
      expect(runVerdict!.checks.find((c) => c.name === check.name)?.pass, check.name).toBe(check.pass);

    // The same test: its applicants, its journeys and enrollments planned, and every applicant confirmed once.
    expect(readFileSync(runFile(out, 'applicants'), 'utf8'), 'the pods generated the applicants of the run').toBe(
      readFileSync(runFile(run.runDir, 'applicants'), 'utf8'),
    );
    const [runRun, podRun] = [json(run.runDir, 'run'), json(out, 'run')];
    expect(runRun.plan, 'run.json records the load plan').toBeDefined();
    expect(podRun).toMatchObject({ count: runRun.count, intendedEnrollments: runRun.intendedEnrollments, plan: runRun.plan, shards: SHARDS });
    const journeys = (d: string) => json(d, 'loadSummary').metrics.journeys.values.count as number;
    expect(journeys(out)).toBe(journeys(run.runDir));
    expect(journeys(out)).toBe(runRun.intendedEnrollments);
    const [runLedger, podLedger] = [householdsOf(run.runDir), householdsOf(out)];
    expect(new Set(podLedger).size, 'no applicant enrolled twice').toBe(podLedger.length);
    expect(new Set(runLedger).size).toBe(runLedger.length);
    // Every applicant enrolled once, but those referred to Medicaid/CHIP, whose journey ends at eligibility.
    const applicants = readFileSync(runFile(run.runDir, 'applicants'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { expected: { result: string } });
    const enrollable = applicants.filter((h) => h.expected.result !== 'medicaid').length;
    expect(podLedger.length).toBe(enrollable);
    expect([...podLedger].sort()).toEqual([...runLedger].sort());

    for (const folder of [run.runDir, out]) {
      const { enrollments, classes } = json(folder, 'reconciliation') as {
        enrollments: { confirmed: number; intact: number };
        classes: Record<string, number>;
      };
      expect(enrollments, folder).toMatchObject({ confirmed: enrollable, intact: enrollable });
      expect(
        Object.values(classes).every((n) => n === 0),
        JSON.stringify(classes),
      ).toBe(true);
    }
  }, 240_000);
});
