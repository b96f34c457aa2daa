// Output folders (--results, --out, --prometheus-data) checked before a command writes anything: created one level
// at a time, then proved writable by creating and removing a probe file. Never Node's recursive mkdir: on Node 20 it
// spins at full CPU forever under /proc (`--results /proc/forbidden` hung a run), where one mkdir answers at once.

import { randomBytes } from 'node:crypto';
import { mkdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../vocabulary/errors.ts';

const codeOf = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/** 'folder', 'missing', or why the path cannot be a folder. */
function kindOf(path: string): 'folder' | 'missing' | { not: string } {
  try {
    return statSync(path).isDirectory() ? 'folder' : { not: `${path} is a file, not a folder` };
  } catch (error) {
    const code = codeOf(error);
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : { not: `${path} cannot be read (${code})` };
  }
}

/**
 * `dir` exists and this process can create files in it, or a UsageError naming `input` (the flag) and the reason.
 * Bounded: one stat per missing level, one mkdir each, one probe file. Returns the absolute path.
 */
export function ensureWritableFolder(dir: string, input: string): string {
  return checkFolder(resolve(dir), `${input} ${dir}`, 'a folder that can be created and written');
}

/** The folder a file is to be written in, checked as ensureWritableFolder does; returns the file's absolute path. */
export function ensureWritableFileFolder(file: string, input: string): string {
  const path = resolve(file);
  if (kindOf(path) === 'folder') throw new UsageError(`${input} ${file}`, 'a file path', `${path} is a folder. Name a file in it.`);
  checkFolder(dirname(path), `${input} ${file}`, 'a file in a folder that can be created and written');
  return path;
}

function checkFolder(target: string, input: string, expected: string): string {
  const created: string[] = [];
  const fail = (why: string): never => {
    // Folders this check created are removed again (empty, deepest first): a refused path leaves nothing behind.
    for (const folder of created.reverse()) rmdirSync(folder);
    throw new UsageError(input, expected, `${why}. Choose another path, or fix its permissions.`);
  };
  const missing: string[] = [];
  for (let at = target; ; at = dirname(at)) {
    const kind = kindOf(at);
    if (kind === 'folder') break;
    if (kind !== 'missing') fail(kind.not);
    if (dirname(at) === at) fail(`no folder above ${target} exists`);
    missing.unshift(at);
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
      created.push(folder);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') fail(`${folder} cannot be created (${codeOf(error)})`);
    }
  }
  const probe = join(target, `.harness-write-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe);
  } catch (error) {
    fail(`${target} does not take new files (${codeOf(error)})`);
  }
  return target;
}
