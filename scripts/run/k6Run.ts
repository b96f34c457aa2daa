// Runs a k6 scenario as a tracked child process, with its progress shown and its log kept in the run folder.

import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';
import type { K6Binary } from '../tools/k6.ts';
import type { InstanceSegment } from './instanceSplit.ts';
import type { ManagedProcess, ProcessGroup } from './processes.ts';

export interface K6RunOptions {
  k6: K6Binary;
  script: string;
  configFile: string;
  logFile: string;
  /** Every metric sample k6 emits, as its JSON output (gzipped when the name ends in .gz): the raw distributions `compare` merges. */
  samplesFile?: string;
  /** Also push every metric to this Prometheus (remote write), trends as native histograms, tagged with the run id. */
  remoteWrite?: { url: string; testid: string };
  /** k6's own stdout (progress, end of test) lines. */
  onLine: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  /** One instance of a split test: its execution segment, its tags (instance, testid), and the REST API address it starts paused on. */
  instance?: { segment: InstanceSegment; tags: Record<string, string>; pausedAt: string };
}

/** Settings of k6's experimental-prometheus-rw output: native histograms, and a push every second so short runs have series. */
export function remoteWriteEnv(url: string | undefined): Record<string, string> {
  if (!url) return {};
  return {
    K6_PROMETHEUS_RW_SERVER_URL: url,
    K6_PROMETHEUS_RW_TREND_AS_NATIVE_HISTOGRAM: 'true',
    K6_PROMETHEUS_RW_PUSH_INTERVAL: '1s',
  };
}

function instanceArgs(instance: K6RunOptions['instance']): string[] {
  if (!instance) return [];
  return ['--execution-segment', instance.segment.segment, '--execution-segment-sequence', instance.segment.sequence, '--paused', '--address', instance.pausedAt];
}

export function startK6(group: ProcessGroup, options: K6RunOptions): ManagedProcess {
  const outputs = [
    ...(options.samplesFile ? ['--out', `json=${options.samplesFile}`] : []),
    ...(options.remoteWrite ? ['--out', 'experimental-prometheus-rw'] : []),
  ];
  const tags = Object.entries({ ...(options.remoteWrite ? { testid: options.remoteWrite.testid } : {}), ...options.instance?.tags }).flatMap(([name, value]) => ['--tag', `${name}=${value}`]);
  const args = ['run', '--no-color', '--log-format=json', `--log-output=file=${options.logFile}`, ...outputs, ...tags, ...instanceArgs(options.instance), join(PROJECT_ROOT, options.script)];
  return group.spawn('k6', options.k6.path, args, {
    cwd: PROJECT_ROOT,
    // No usage report: load tests here reach nothing but loopback.
    env: { ...process.env, ...options.env, ...remoteWriteEnv(options.remoteWrite?.url), HARNESS_CONFIG: options.configFile, K6_NO_USAGE_REPORT: 'true' },
    onStdoutLine: options.onLine,
    onStderrLine: options.onLine,
  });
}

export async function runK6(group: ProcessGroup, options: K6RunOptions): Promise<number> {
  return startK6(group, options).exited;
}
