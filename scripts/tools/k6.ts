// Finds k6, or builds the pinned version with `go install` into the project's own .tools folder.
// Order: K6_BIN, a k6 of the pinned major version on PATH, the project-local build, then Go.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { UsageError } from '../usageError.ts';
import { K6 } from './versions.ts';

export interface K6Binary {
  path: string;
  version: string;
  source: 'K6_BIN' | 'PATH' | 'project tools' | 'built now';
}

export const K6_TOOLS_DIR = join(PROJECT_ROOT, '.tools', `k6-${K6.version}`);

/** `k6 version` prints e.g. "k6 v1.8.1 (go1.26.8, linux/amd64)". */
export function parseK6Version(output: string): { version: string; major: number } | undefined {
  const match = /k6 v(\d+)\.(\d+)\.(\d+)/.exec(output);
  if (!match) return undefined;
  return { version: `v${match[1]}.${match[2]}.${match[3]}`, major: Number(match[1]) };
}

function versionOf(path: string): { version: string; major: number } | undefined {
  const result = spawnSync(path, ['version'], { encoding: 'utf8', timeout: 15_000 });
  if (result.status !== 0) return undefined;
  return parseK6Version(result.stdout);
}

function findGo(): string | undefined {
  for (const candidate of ['go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']) {
    const result = spawnSync(candidate, ['version'], { encoding: 'utf8', timeout: 15_000 });
    if (result.status === 0) return candidate;
  }
  return undefined;
}

function buildWithGo(log: (line: string) => void): K6Binary {
  const go = findGo();
  if (!go) {
    throw new UsageError(
      'k6',
      `k6 ${K6.version} (set K6_BIN, or put a k6 v${K6.major}.x on PATH) or Go to build it`,
      'Install Go (e.g. `apt-get install golang-go`) so the harness can run `go install ' +
        `${K6.module}@${K6.version}\`, or set K6_BIN to a k6 binary.`,
    );
  }
  log(`harness: building k6 ${K6.version} with \`${go} install ${K6.module}@${K6.version}\` into .tools/ (a few minutes the first time)…`);
  const result = spawnSync(go, ['install', `${K6.module}@${K6.version}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, GOBIN: K6_TOOLS_DIR, GOFLAGS: '-mod=mod' },
    timeout: 30 * 60_000,
  });
  const path = join(K6_TOOLS_DIR, 'k6');
  const version = result.status === 0 && existsSync(path) ? versionOf(path) : undefined;
  if (!version) {
    throw new UsageError(
      'k6 build',
      `\`go install ${K6.module}@${K6.version}\` to succeed`,
      'See the Go output above; check that the Go module proxy is reachable, or set K6_BIN to a k6 binary.',
    );
  }
  return { path, version: version.version, source: 'built now' };
}

/** Resolves a usable k6, building it when nothing suitable is present. */
export function ensureK6(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): K6Binary {
  const fromEnv = process.env.K6_BIN;
  if (fromEnv) {
    const version = versionOf(fromEnv);
    if (!version) {
      throw new UsageError(`K6_BIN=${fromEnv}`, 'a runnable k6 binary', 'Point K6_BIN at a k6 executable, or unset it.');
    }
    return { path: fromEnv, version: version.version, source: 'K6_BIN' };
  }
  const onPath = versionOf('k6');
  if (onPath && onPath.major === K6.major) return { path: 'k6', version: onPath.version, source: 'PATH' };
  const local = join(K6_TOOLS_DIR, 'k6');
  const localVersion = existsSync(local) ? versionOf(local) : undefined;
  if (localVersion) return { path: local, version: localVersion.version, source: 'project tools' };
  return buildWithGo(log);
}
