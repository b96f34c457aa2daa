// Hints name the command as the user would type it again: under npm, by the script's path, or as the installed bin.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asTyped, invokedAs } from '../../scripts/invocation.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

describe('invokedAs', () => {
  it('says npm run harness -- under any npm script, the path when run by it, else harness', () => {
    expect(invokedAs({ npmScript: 'start', script: '/p/bin/harness.mjs', cwd: '/p' })).toBe('npm run harness --');
    expect(invokedAs({ script: '/p/bin/harness.mjs', cwd: '/p' })).toBe('node bin/harness.mjs');
    expect(invokedAs({ script: '/p/bin/harness.mjs', cwd: '/elsewhere' })).toBe('node /p/bin/harness.mjs');
    expect(invokedAs({ script: '/usr/local/bin/harness', cwd: '/p' })).toBe('harness');
    expect(invokedAs({ invokedAs: 'harness', npmScript: 'test', cwd: '/p' })).toBe('harness');
  });
});

describe('asTyped', () => {
  it('rewrites the commands a hint quotes, and nothing else', () => {
    expect(asTyped('Run `harness run stress`, or see `harness --help`; the harness stops.', 'npm run harness --')).toBe(
      'Run `npm run harness -- run stress`, or see `npm run harness -- --help`; the harness stops.',
    );
    expect(asTyped('Run `harness run stress`.', 'harness')).toBe('Run `harness run stress`.');
  });
});

describe('the CLI', () => {
  it('names the command in its hint as npm ran it', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, npm_lifecycle_event: 'harness' };
    delete env.HARNESS_INVOKED_AS;
    const result = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.mjs'), 'capacity', '--run', PROJECT_ROOT], {
      cwd: PROJECT_ROOT,
      env,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('`npm run harness -- run`');
  });
});
