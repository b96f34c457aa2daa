// Finds Prometheus (and promtool), or installs Debian's `prometheus` package with apt-get when asked to.
// Order: PROMETHEUS_BIN, then `prometheus` on PATH. The harness never uses a system service: it runs its own process.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { UsageError } from '../../vocabulary/errors.ts';
import { aptInstall } from './apt.ts';
import { PROMETHEUS } from './versions.ts';

export interface PrometheusBinary {
  path: string;
  /** promtool from the same installation. */
  promtool: string;
  version: string;
  source: 'PROMETHEUS_BIN' | 'PATH' | 'installed now';
}

/** `prometheus --version` prints e.g. "prometheus, version 2.42.0+ds (branch: …)". */
export function parsePrometheusVersion(output: string): { version: string; major: number; minor: number } | undefined {
  const match = /prometheus, version (\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) return undefined;
  return { version: `${match[1]}.${match[2]}.${match[3]}`, major: Number(match[1]), minor: Number(match[2]) };
}

function versionOf(path: string): ReturnType<typeof parsePrometheusVersion> {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) return undefined;
  return parsePrometheusVersion(`${result.stdout}${result.stderr}`);
}

/** Native histograms over remote write need 2.40 or later. */
function recentEnough(v: { major: number; minor: number }): boolean {
  return v.major > PROMETHEUS.minimumMajor || (v.major === PROMETHEUS.minimumMajor && v.minor >= PROMETHEUS.minimumMinor);
}

function promtoolBeside(path: string): string {
  return path.includes('/') ? join(dirname(path), 'promtool') : 'promtool';
}

/** The Prometheus to use, or undefined when none is installed. Throws when PROMETHEUS_BIN is set but unusable. */
export function findPrometheus(): PrometheusBinary | undefined {
  const fromEnv = process.env.PROMETHEUS_BIN;
  if (fromEnv) {
    const v = versionOf(fromEnv);
    if (!v || !recentEnough(v)) {
      throw new UsageError(
        `PROMETHEUS_BIN=${fromEnv}`,
        `a runnable Prometheus ${PROMETHEUS.minimumMajor}.${PROMETHEUS.minimumMinor} or later`,
        'Point PROMETHEUS_BIN at a prometheus executable, or unset it.',
      );
    }
    return { path: fromEnv, promtool: promtoolBeside(fromEnv), version: v.version, source: 'PROMETHEUS_BIN' };
  }
  const onPath = versionOf('prometheus');
  if (onPath && recentEnough(onPath)) return { path: 'prometheus', promtool: 'promtool', version: onPath.version, source: 'PATH' };
  return undefined;
}

/** Prometheus, installed from Debian's packages when missing (needs root and apt-get). */
export function ensurePrometheus(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): PrometheusBinary {
  const found = findPrometheus();
  if (found) return found;
  aptInstall('prometheus', PROMETHEUS.debianPackage, 'set PROMETHEUS_BIN', log);
  const installed = findPrometheus();
  if (!installed) throw new UsageError('prometheus', 'on PATH after apt-get install', 'Check the package installed a `prometheus` binary.');
  return { ...installed, source: 'installed now' };
}
