// `harness k8s`: the same profile as a k6-operator TestRun and its ConfigMaps, for a Kubernetes cluster.

import { relative } from 'node:path';
import type { Command } from 'commander';
import { writeK8sManifests, DEFAULT_K6_IMAGE } from '../k8s/writeManifests.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { PROFILES, profileNamed } from '../run/profiles/index.ts';
import { parsePrometheusMode, remoteWriteUrlOf } from '../run/runMetrics.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { UsageError } from '../usageError.ts';
import { parsePlanYear } from './generate.ts';
import { parseDurationOption, parseNumberOption } from './options.ts';

interface K8sCommandOptions {
  profile?: string;
  parallelism?: string;
  out?: string;
  baseUrl?: string;
  prometheus: string;
  namespace: string;
  image: string;
  targets: string;
  seed: string;
  scale: string;
  duration?: string;
  planYear: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function parseBaseUrl(raw: string | undefined): string {
  let url: URL | undefined;
  try {
    url = raw === undefined ? undefined : new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--base-url ${raw ?? '(missing)'}`, "the exchange's http(s) URL as the runner pods reach it", 'e.g. --base-url http://exchange.marketplace.svc:8080');
  }
  return url.href.replace(/\/$/, '');
}

export function register(program: Command): void {
  program
    .command('k8s')
    .description('write a k6-operator TestRun and its ConfigMaps (scenario, targets, applicants) running a profile on N pods')
    .option('--profile <name>', `one of: ${Object.keys(PROFILES).join(', ')}`)
    .option('--parallelism <n>', 'runner pods the operator splits the test across (execution segments)')
    .option('--out <dir>', 'folder that receives configmaps.yaml, testrun.yaml and applicants.ndjson')
    .option('--base-url <url>', 'the exchange under test, as the runner pods reach it')
    .option('--prometheus <url>', "Prometheus the runners push to (remote write, native histograms), or off", 'http://prometheus.monitoring.svc:9090')
    .option('--namespace <ns>', 'namespace of the TestRun and its ConfigMaps', 'default')
    .option('--image <image>', 'k6 image of the runner pods', DEFAULT_K6_IMAGE)
    .option('--targets <file>', 'targets YAML file', DEFAULT_TARGETS_FILE)
    .option('--seed <n>', 'seed of the synthetic applicants', '1')
    .option('--scale <x>', 'multiplies the profile load', '1')
    .option('--duration <d>', 'k6 duration (e.g. 30s, 5m, 1h)')
    .option('--plan-year <year>', 'coverage year whose rules apply: 2025 or 2026', '2026')
    .action(async (opts: K8sCommandOptions) => {
      if (!opts.profile) throw new UsageError('--profile', `one of ${Object.keys(PROFILES).join(', ')}`, 'Give e.g. --profile load.');
      if (!opts.out) throw new UsageError('--out', 'the folder to write the manifests to', 'Give e.g. --out k8s/.');
      if (opts.parallelism === undefined) throw new UsageError('--parallelism', 'the number of runner pods', 'Give e.g. --parallelism 4.');
      if (!DNS_LABEL.test(opts.namespace)) throw new UsageError(`--namespace ${opts.namespace}`, 'a DNS-1123 label (lower-case letters, digits, -)', 'Give e.g. --namespace load-tests.');
      const profile = profileNamed(opts.profile);
      const prometheus = opts.prometheus === 'off' ? undefined : parsePrometheusMode(opts.prometheus);
      if (prometheus !== undefined && !(prometheus instanceof URL)) throw new UsageError(`--prometheus ${opts.prometheus}`, "a Prometheus URL the pods reach, or off", 'e.g. --prometheus http://prometheus.monitoring.svc:9090');
      const outcome = await writeK8sManifests({
        profile,
        targets: loadTargets(opts.targets),
        targetsFile: opts.targets,
        parallelism: parseNumberOption('--parallelism', opts.parallelism, { integer: true, min: 1, max: 1000 }),
        outDir: opts.out,
        baseUrl: parseBaseUrl(opts.baseUrl),
        remoteWriteUrl: prometheus === undefined ? undefined : remoteWriteUrlOf(prometheus),
        namespace: opts.namespace,
        image: opts.image,
        seed: parseNumberOption('--seed', opts.seed, { integer: true, min: 0 }),
        scale: parseNumberOption('--scale', opts.scale, { min: 0.0001, max: 1000 }),
        durationSeconds: opts.duration === undefined ? undefined : parseDurationOption('--duration', opts.duration),
        planYear: parsePlanYear(opts.planYear),
      });
      const shown = (file: string) => relative(PROJECT_ROOT, file) || file;
      const sizes = Object.entries(outcome.configMapBytes).map(([map, bytes]) => `${map} ${(bytes / 1024).toFixed(0)} KiB`).join(', ');
      process.stdout.write(
        `harness k8s ${profile.name} · TestRun ${outcome.name} (testid ${outcome.testid})\n` +
          `  plan: ${outcome.describe}; ${outcome.applicants} applicants\n` +
          `  ConfigMaps: ${sizes}\n` +
          `  wrote ${outcome.files.map(shown).join(', ')}\n` +
          `  apply: kubectl apply -f ${shown(outcome.files[0]!)} -f ${shown(outcome.files[1]!)}   (docs/kubernetes.md)\n`,
      );
    });
}
