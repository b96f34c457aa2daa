// Output folders are checked up front with bounded operations: a path that cannot be written is exit 2 naming the
// flag within seconds — `run smoke --results /proc/forbidden` spun at full CPU forever in Node's recursive mkdir.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWritableFileFolder, ensureWritableFolder } from '../../scripts/outputFolder.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { cliInProcess } from './commands/cliInProcess.ts';

const dir = mkdtempSync(join(tmpdir(), 'output-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hasProc = existsSync('/proc/self');

describe('ensureWritableFolder', () => {
  it('creates the missing levels and leaves no probe file behind', () => {
    const target = join(dir, 'a', 'b', 'c');
    expect(ensureWritableFolder(target, '--results')).toBe(target);
    expect(readdirSync(target)).toEqual([]);
    expect(ensureWritableFolder(target, '--results')).toBe(target);
  });

  it('refuses a file, and a path through a file, naming the flag', () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    expect(() => ensureWritableFolder(file, '--results')).toThrow(
      /^--results .*plain\.txt: expected a folder that can be created and written\. .*plain\.txt is a file, not a folder/,
    );
    expect(() => ensureWritableFolder(join(file, 'below'), '--out')).toThrow(/^--out .*below: expected a folder .* is a file, not a folder/);
    expect(() => ensureWritableFileFolder(dir, '--out')).toThrow(/is a folder\. Name a file in it/);
  });

  it.runIf(hasProc)('refuses a folder under /proc at once, without spinning', () => {
    const started = performance.now();
    expect(() => ensureWritableFolder('/proc/forbidden/deeper', '--results')).toThrow(
      /--results \/proc\/forbidden\/deeper: expected a folder that can be created and written\. \/proc\/forbidden cannot be created \(E[A-Z]+\)/,
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(existsSync('/proc/forbidden')).toBe(false);
  });
});

describe.runIf(hasProc)('output paths on the command line', () => {
  // A child process with a timeout: were the hang back, the test fails after 30 s instead of hanging with it.
  it('run smoke --results /proc/forbidden: exit 2 naming --results, in seconds', () => {
    const started = Date.now();
    const child = spawnSync(process.execPath, ['bin/harness.mjs', 'run', 'smoke', '--results', '/proc/forbidden'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(child.signal, 'killed by the timeout: the run hung').toBeNull();
    expect(child.status, child.stderr).toBe(2);
    expect(child.stderr).toMatch(/--results \/proc\/forbidden: expected a folder that can be created and written\. \/proc\/forbidden cannot be created/);
    expect(child.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);

  it.each<[string, string[], RegExp]>([
    ['run --prometheus-data', ['run', 'smoke', '--prometheus-data', '/proc/forbidden'], /--prometheus-data \/proc\/forbidden: expected a folder/],
    [
      'generate --out',
      ['generate', '--count', '1', '--out', '/proc/forbidden/a.ndjson'],
      /--out \/proc\/forbidden\/a\.ndjson: expected a file in a folder that can be created and written/,
    ],
    ['openapi --out', ['openapi', '--out', '/proc/forbidden/openapi.json'], /--out \/proc\/forbidden\/openapi\.json: expected a file in a folder/],
    ['dashboards build --out', ['dashboards', 'build', '--out', '/proc/forbidden'], /--out \/proc\/forbidden: expected a folder/],
    [
      'k8s --out',
      ['k8s', '--profile', 'smoke', '--shards', '2', '--base-url', 'http://127.0.0.1:1', '--out', '/proc/forbidden'],
      /--out \/proc\/forbidden: expected a folder/,
    ],
  ])(
    '%s under /proc: exit 2 naming the flag',
    async (_what, args, message) => {
      const result = await cliInProcess(args);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(message);
    },
    10_000,
  );
});
