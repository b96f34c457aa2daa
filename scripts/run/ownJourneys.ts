// `run --journeys FILE.ts`: a user's own journey module, checked in the harness's own process before anything starts,
// so a missing file, a module that does not load, or one that exports no createJourney is a usage error (exit 2)
// naming the file, not a failed worker halfway into a run. The contract is engine/runtime.ts's JourneyModule
// (docs/journeys.md); what createJourney returns is checked by each worker (engine/segmentHost.ts).

import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../vocabulary/errors.ts';

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];
const CONTRACT =
  'a module that exports `createJourney(options, segment)` returning the journey, an async function of the journey context (engine/runtime.ts; see docs/journeys.md and examples/journeys/browsePlans.ts)';

/** The module's absolute path once it loads and exports a createJourney function. */
export async function checkJourneyModule(file: string): Promise<string> {
  const path = resolve(file);
  const input = `--journeys ${file}`;
  if (!existsSync(path) || !statSync(path).isFile())
    throw new UsageError(
      input,
      `an existing journey file (${path} is not a file)`,
      'Check the path; examples/journeys/browsePlans.ts is an example to start from.',
    );
  if (!EXTENSIONS.includes(extname(path)))
    throw new UsageError(input, `a TypeScript or JavaScript module (${EXTENSIONS.join(', ')})`, `Write the journeys as ${CONTRACT}.`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    const message = (error as Error).message
      .split('\n')
      .slice(0, 3)
      .join(' ')
      .trim()
      .replace(/[.:]+$/, '');
    // Node loads a .ts or .js file as CommonJS outside a package whose package.json says "type": "module".
    const commonJs = /require\(\)|ES Module|CommonJS|exports is not defined/i.test(message)
      ? ' It was loaded as CommonJS: name it .mts (or .mjs), or keep it in a folder whose package.json says "type": "module".'
      : '';
    throw new UsageError(
      input,
      'an ES module that loads',
      `Loading it failed: ${message}.${commonJs} Fix the module (npx tsc --noEmit type-checks it when tsconfig.json includes it).`,
    );
  }
  if (typeof module.createJourney !== 'function') {
    const exported = Object.keys(module).filter((name) => name !== 'default' || module.default !== undefined);
    const what =
      exported.length === 0
        ? 'it exports nothing'
        : `it exports ${exported.join(', ')}${'createJourney' in module ? ` (createJourney is a ${typeof module.createJourney})` : ''}`;
    throw new UsageError(input, CONTRACT, `It exports no createJourney function: ${what}.`);
  }
  return path;
}
