// Writes the dashboards build (JSON, provisioning, rules and their tests) to a folder: the I/O shell of build.ts.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadTargets } from '../targets/load.ts';
import { buildFiles } from '../../dashboards/build.ts';

/** Writes the build into `outDir`; returns the paths written. */
export function writeBuild(outDir: string, targetsFile: string, prometheusUrl: string): string[] {
  const files = buildFiles({ targets: loadTargets(targetsFile), grafanaPath: resolve(outDir), prometheusUrl });
  for (const file of files) {
    const path = join(outDir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  return files.map((f) => join(outDir, f.path));
}
