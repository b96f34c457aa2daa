// How the user started the harness, so a hint names the command as they would type it again: `npm run harness --`
// under npm (`npm start`, `npm run harness -- …`, where the `harness` bin is not on the shell's PATH), `node
// bin/harness.mjs` when run by its path, else `harness` (an installed bin, npx). HARNESS_INVOKED_AS says it outright
// (the tests set `harness`, so their expected messages do not depend on how vitest was started).

import { basename, relative } from 'node:path';

export interface Invocation {
  /** process.env.HARNESS_INVOKED_AS: how to write the command, when given. */
  invokedAs?: string;
  /** process.env.npm_lifecycle_event: set when npm runs a package script. */
  npmScript?: string;
  /** process.argv[1]: the script node was given. */
  script?: string;
  cwd: string;
}

export function invokedAs(invocation: Invocation): string {
  if (invocation.invokedAs) return invocation.invokedAs;
  if (invocation.npmScript) return 'npm run harness --';
  if (invocation.script && basename(invocation.script) === 'harness.mjs') {
    const path = relative(invocation.cwd, invocation.script);
    return `node ${path.startsWith('..') || path === '' ? invocation.script : path}`;
  }
  return 'harness';
}

/** A message's `harness …` commands (in backticks, as hints write them) as the user would type them. */
export function asTyped(message: string, command: string): string {
  return command === 'harness' ? message : message.replace(/`harness(?= |`)/g, `\`${command}`);
}
