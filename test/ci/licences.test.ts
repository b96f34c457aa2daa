// The CI licence gate: SPDX expressions judged as the project's rule says, and a node_modules tree with a copyleft
// or unlicensed package (scoped and nested too) named in the failure.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs CI script with no type declarations
import { declaredLicence, isPermissive, nonPermissive, trackedBinaries } from '../../.ci/licences.mjs';

const permissive = isPermissive as (expression: unknown) => boolean;

describe('.ci/licences.mjs', () => {
  it.each([
    ['MIT', true],
    ['Apache-2.0', true],
    ['(MIT OR Apache-2.0)', true],
    ['BSD-3-Clause AND ISC', true],
    ['MIT OR GPL-3.0-only', true],
    ['Apache-2.0 WITH LLVM-exception', true],
    ['AGPL-3.0', false],
    ['AGPL-3.0-or-later', false],
    ['GPL-2.0', false],
    ['LGPL-3.0', false],
    ['SSPL-1.0', false],
    ['BUSL-1.1', false],
    ['MIT AND GPL-3.0', false],
    ['SEE LICENSE IN LICENSE.md', false],
    ['UNLICENSED', false],
    ['', false],
    [undefined, false],
  ])('%s → permissive %s', (expression, expected) => {
    expect(permissive(expression)).toBe(expected);
  });

  it('reads the old licenses array and the object form', () => {
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('MIT OR Apache-2.0');
    expect(declaredLicence({ license: { type: 'ISC' } })).toBe('ISC');
    expect(declaredLicence({})).toBeUndefined();
  });

  it('names every package in the tree that is not permissive, scoped and nested included', () => {
    const root = mkdtempSync(join(tmpdir(), 'licences-'));
    const pkg = (path: string, manifest: object): void => {
      mkdirSync(join(root, path), { recursive: true });
      writeFileSync(join(root, path, 'package.json'), JSON.stringify(manifest));
    };
    pkg('fine', { name: 'fine', version: '1.0.0', license: 'MIT' });
    pkg('copyleft', { name: 'copyleft', version: '0.0.0', license: 'AGPL-3.0' });
    pkg('@scope/nolicence', { name: '@scope/nolicence', version: '2.0.0' });
    pkg('fine/node_modules/deep', { name: 'deep', version: '3.0.0', license: 'GPL-3.0' });
    expect((nonPermissive(root) as string[]).sort()).toEqual([
      '@scope/nolicence@2.0.0: no licence declared',
      'copyleft@0.0.0: AGPL-3.0',
      'deep@3.0.0: GPL-3.0',
    ]);
  });

  it("passes this project's own installed packages", () => {
    expect(nonPermissive(join(import.meta.dirname, '../../node_modules'))).toEqual([]);
  });

  it('names an executable binary tracked in git, and not one that is only on disk', () => {
    const repo = mkdtempSync(join(tmpdir(), 'licences-git-'));
    const git = (...args: string[]): void => {
      expect(spawnSync('git', args, { cwd: repo }).status).toBe(0);
    };
    git('init', '-q');
    writeFileSync(join(repo, 'notes.md'), '# not a program\n');
    mkdirSync(join(repo, 'tools'));
    // The first bytes of this machine's own node executable: a real ELF header.
    const head = readFileSync(process.execPath).subarray(0, 64);
    writeFileSync(join(repo, 'tools', 'node'), head);
    writeFileSync(join(repo, 'untracked-node'), head);
    git('add', 'notes.md', 'tools/node');
    expect(trackedBinaries(repo)).toEqual(['tools/node: ELF executable']);
  });

  it('finds no executable binary tracked in this project', () => {
    expect(trackedBinaries(join(import.meta.dirname, '../..'))).toEqual([]);
  });
});
