// A k6 scenario and everything it imports bundled into one ES module with esbuild, k6's own modules left as
// imports: k6-operator runs one script file from a ConfigMap, whose keys cannot hold the scenarios' folders.

import { build } from 'esbuild';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';

export async function bundleScenario(script: string): Promise<string> {
  const result = await build({
    entryPoints: [join(PROJECT_ROOT, script)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['k6', 'k6/*'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
