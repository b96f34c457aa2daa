#!/usr/bin/env node
// Entry point of the `harness` CLI. Uses only Node built-ins until the npm dependencies are installed,
// then registers the TypeScript loader and hands over to scripts/cli.ts in the same process.
import { closeSync, existsSync, lstatSync, openSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/** node_modules is stale when missing, when npm's own record of it is older than the lockfile, or the native module was never built. */
function dependenciesStale() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const nativeSqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return !existsSync(installed) || !existsSync(nativeSqlite) || mtime(join(root, 'package-lock.json')) > mtime(installed);
}

function installDependencies() {
  const lockfile = existsSync(join(root, 'package-lock.json'));
  const args = lockfile ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  process.stderr.write(`harness: installing npm dependencies (npm ${args[0]}; builds better-sqlite3 from source, about a minute)…\n`);
  // nodedir=/usr lets node-gyp build native modules against the system's Node headers with no download.
  const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };
  const result = spawnSync('npm', args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) {
    process.stderr.write(
      'harness: npm dependencies could not be installed (see the npm output above).\n' +
        '  Expected: the npm registry reachable and a C++ toolchain (g++, make, python3) for better-sqlite3.\n' +
        '  Fix the cause, then run the command again.\n',
    );
    return false;
  }
  return true;
}

const INSTALL_LOCK = join(root, '.harness-install.lock');
/** A lock older than this was left by an install that died; it is taken over. */
const INSTALL_LOCK_STALE_MS = 15 * 60_000;

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * One install at a time: harness processes started together (tests run several) would otherwise each run npm ci
 * into the same node_modules and wreck it. The others wait for the lock, then find the dependencies installed.
 */
function installOnce() {
  // A node_modules that is a link (a git worktree sharing another checkout's) is never reinstalled from here:
  // npm ci would empty the tree the other checkout and its running processes use.
  if (lstatSync(join(root, 'node_modules'), { throwIfNoEntry: false })?.isSymbolicLink()) return;
  for (;;) {
    if (!dependenciesStale()) return;
    let fd;
    try {
      fd = openSync(INSTALL_LOCK, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - mtime(INSTALL_LOCK) > INSTALL_LOCK_STALE_MS) rmSync(INSTALL_LOCK, { force: true });
      else sleepMs(1000);
      continue;
    }
    let installed = true;
    try {
      if (dependenciesStale()) installed = installDependencies();
    } finally {
      closeSync(fd);
      rmSync(INSTALL_LOCK, { force: true });
    }
    if (!installed) process.exit(2);
    return;
  }
}

installOnce();

const { register } = await import('tsx/esm/api');
register();
const { main } = await import(pathToFileURL(join(root, 'scripts', 'cli.ts')).href);
await main(process.argv.slice(2));
