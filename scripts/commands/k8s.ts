// `harness k8s`: the same profile split across N pods of a Kubernetes Indexed Job, each running `harness shard`.

import { relative } from 'node:path';
import type { Command } from 'commander';
import { writeK8sManifests } from '../k8s/writeManifests.ts';
import { USERS_PER_SHARD } from '../k8s/shardSizing.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { harnessVersion } from '../run/machine.ts';
import { PROFILES, profileNamed } from '../run/profiles/index.ts';
import { parsePrometheusMode } from '../run/runMetrics.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseDurationOption, parseNumberOption } from './options.ts';
import { testShapeOf, testShapeOptions, type TestShapeFlags } from './testShape.ts';

interface K8sCommandOptions extends TestShapeFlags {
  profile?: string;
  shards?: string;
  out?: string;
  baseUrl?: string;
  prometheus: string;
  namespace: string;
  image?: string;
  storageClass?: string;
  startDelay: string;
}

/** An Indexed Job's parallelism may reach 10^5; a thousand shards is 50 million users. */
const MAX_SHARDS = 1000;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function parseHttpUrl(flag: string, raw: string | undefined, what: string, example: string): string {
  let url: URL | undefined;
  try {
    url = raw === undefined ? undefined : new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new UsageError(`${flag} ${raw ?? '(missing)'}`, what, `e.g. ${flag} ${example}`);
  return url.href.replace(/\/$/, '');
}

function parsePrometheus(raw: string): string | undefined {
  if (raw === 'off') return undefined;
  const mode = parsePrometheusMode(raw);
  if (!(mode instanceof URL))
    throw new UsageError(
      `--prometheus ${raw}`,
      'the http(s) URL of a Prometheus the pods reach (remote-write receiver on), or off',
      'e.g. --prometheus http://prometheus.monitoring.svc:9090',
    );
  return mode.href.replace(/\/$/, '');
}

export function register(program: Command): void {
  const command = program
    .command('k8s')
    .description('write a Kubernetes Indexed Job running a profile as N `harness shard` pods, with its ConfigMap, results claim and a README')
    .option('--profile <name>', `one of: ${Object.keys(PROFILES).join(', ')}`)
    .option('--shards <n>', "pods the test is split across (the Job's completions and parallelism)")
    .option('--out <dir>', 'folder that receives manifests.yaml, collector.yaml and README.md')
    .option('--base-url <url>', 'the exchange under test, as the pods reach it')
    .option('--prometheus <url>', 'Prometheus the shards push to by remote write (as the pods reach it), or off', 'http://prometheus.monitoring.svc:9090')
    .option('--namespace <ns>', 'namespace of every object', 'default')
    .option('--image <image>', "the harness's image (the Dockerfile's) as the cluster pulls it (default: marketplace-load-harness:<version>)")
    .option('--storage-class <name>', 'storage class of the results claim (it must offer ReadWriteMany); the default class when not given');
  testShapeOptions(command)
    .option('--start-delay <d>', 'the shards start their load together this long after the manifests are written', '60s')
    .action((opts: K8sCommandOptions) => {
      if (!opts.profile) throw new UsageError('--profile', `one of ${Object.keys(PROFILES).join(', ')}`, 'Give e.g. --profile load.');
      if (!opts.out) throw new UsageError('--out', 'the folder to write the manifests to', 'Give e.g. --out k8s/.');
      if (opts.shards === undefined) throw new UsageError('--shards', 'the number of shard pods', 'Give e.g. --shards 4.');
      if (!DNS_LABEL.test(opts.namespace))
        throw new UsageError(`--namespace ${opts.namespace}`, 'a DNS-1123 label (lower-case letters, digits, -)', 'Give e.g. --namespace load-tests.');
      if (opts.storageClass !== undefined && !DNS_SUBDOMAIN.test(opts.storageClass))
        throw new UsageError(
          `--storage-class ${opts.storageClass}`,
          'a storage class name (lower-case letters, digits, - and .)',
          'See `kubectl get storageclass`.',
        );
      const profile = profileNamed(opts.profile);
      const shards = parseNumberOption('--shards', opts.shards, { integer: true, min: 1, max: MAX_SHARDS });
      const outcome = writeK8sManifests({
        profile,
        ...testShapeOf(opts),
        shards,
        outDir: opts.out,
        baseUrl: parseHttpUrl('--base-url', opts.baseUrl, "the exchange's http(s) URL as the pods reach it", 'http://exchange.marketplace.svc:8080'),
        prometheusUrl: parsePrometheus(opts.prometheus),
        namespace: opts.namespace,
        image: opts.image ?? `marketplace-load-harness:${harnessVersion()}`,
        storageClass: opts.storageClass,
        startDelaySeconds: parseDurationOption('--start-delay', opts.startDelay),
      });
      const shown = (file: string) => relative(PROJECT_ROOT, file) || file;
      const { sizing } = outcome;
      const advice =
        sizing.shardsAdvised > shards
          ? `  note: up to ${sizing.usersPerShard.toLocaleString('en-US')} users a shard; one engine was measured keeping pace with ${USERS_PER_SHARD.toLocaleString('en-US')} (docs/kubernetes.md): --shards ${sizing.shardsAdvised} keeps each under it\n`
          : '';
      process.stdout.write(
        `harness k8s ${profile.name} · Job ${outcome.name} (testid ${outcome.testid})\n` +
          `  plan: ${outcome.describe}\n` +
          `  ${shards} shard${shards === 1 ? '' : 's'}: up to ${sizing.usersPerShard.toLocaleString('en-US')} users and ${sizing.householdsPerShard.toLocaleString('en-US')} households each; ${sizing.cpuCores} CPU, ${sizing.memoryMiB} MiB, ${sizing.workers} engine workers a pod; results claim ${sizing.storageGiB} GiB (ReadWriteMany)\n` +
          advice +
          `  load starts at ${outcome.startAt.toISOString()}: apply before then\n` +
          `  wrote ${outcome.files.map(shown).join(', ')}\n` +
          `  apply: kubectl apply -f ${shown(outcome.files[0]!)}   (then ${shown(outcome.files[2]!)}: watch, collect)\n`,
      );
    });
}
