// Installs a Debian package with apt-get, for the tools the harness takes from Debian (Prometheus, Chromium).
// Needs root and apt-get; refreshes the package lists once when the first attempt fails (a fresh machine has none).

import { spawnSync } from 'node:child_process';
import { UsageError } from '../../vocabulary/errors.ts';

function aptGet(args: string[], log: (line: string) => void): boolean {
  log(`harness: apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 15 * 60_000,
  });
  return result.status === 0;
}

/**
 * `apt-get install -y <debianPackage>`; a UsageError naming `tool` when not root, without apt-get, or when the
 * install fails. `otherwise` says how to provide the tool by hand.
 */
export function aptInstall(tool: string, debianPackage: string, otherwise: string, log: (line: string) => void): void {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new UsageError(
      tool,
      `installed (${isRoot ? 'apt-get is not available' : 'installing it needs root'})`,
      `Install Debian's package as root (\`apt-get install ${debianPackage}\`), or ${otherwise}.`,
    );
  }
  const install = ['install', '-y', '--no-install-recommends', debianPackage];
  if (!aptGet(install, log) && !(aptGet(['update'], log) && aptGet(install, log))) {
    throw new UsageError(`apt-get install ${debianPackage}`, 'to succeed', "See apt-get's output above; check that Debian's mirrors are reachable.");
  }
}
