// Finds a headless-capable Chromium for the report's browser test, or installs Debian's `chromium` package when
// asked to (`harness setup --chromium`). Order: CHROMIUM_BIN, then `chromium` / `chromium-browser` on PATH.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../../vocabulary/errors.ts';
import { aptInstall } from './apt.ts';
import { CHROMIUM } from './versions.ts';

export interface ChromiumBinary {
  path: string;
  version: string;
  source: 'CHROMIUM_BIN' | 'PATH' | 'installed now';
}

function versionOf(path: string): string | undefined {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) return undefined;
  return /(\d+\.\d+\.\d+\.\d+)/.exec(result.stdout)?.[1] ?? result.stdout.trim();
}

/** The Chromium to use, or undefined when none is installed. Throws when CHROMIUM_BIN is set but does not run. */
export function findChromium(): ChromiumBinary | undefined {
  const fromEnv = process.env.CHROMIUM_BIN;
  if (fromEnv) {
    const version = versionOf(fromEnv);
    if (!version)
      throw new UsageError(`CHROMIUM_BIN=${fromEnv}`, 'a runnable Chromium (`--version` answers)', 'Point CHROMIUM_BIN at a chromium executable, or unset it.');
    return { path: fromEnv, version, source: 'CHROMIUM_BIN' };
  }
  for (const name of CHROMIUM.executables) {
    // An absolute path, as browser drivers (playwright-core's executablePath) want one.
    const path = (process.env.PATH ?? '')
      .split(delimiter)
      .map((dir) => join(dir, name))
      .find((candidate) => existsSync(candidate));
    const version = path && versionOf(path);
    if (path && version) return { path, version, source: 'PATH' };
  }
  return undefined;
}

/** Chromium, installed from Debian's packages when missing (needs root and apt-get). */
export function ensureChromium(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ChromiumBinary {
  const found = findChromium();
  if (found) return found;
  aptInstall('chromium', CHROMIUM.debianPackage, 'set CHROMIUM_BIN to a Chromium executable', log);
  const installed = findChromium();
  if (!installed) throw new UsageError('chromium', 'on PATH after apt-get install', `Check the package installed one of ${CHROMIUM.executables.join(', ')}.`);
  return { ...installed, source: 'installed now' };
}
