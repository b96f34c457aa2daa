#!/usr/bin/env node
// CI gate: every installed npm package (production and dev, nested ones too) is under a permissive licence.
// AGPL, GPL, LGPL, SSPL, BUSL, a custom "SEE LICENSE IN" or no licence at all fails CI, naming the package.
// It also fails on an executable binary tracked in git (ELF, Mach-O, PE): a vendored program escapes the package
// review (an AGPL-licensed binary was once committed by accident).
// Node built-ins only. Usage: node .ci/licences.mjs [node_modules]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** SPDX identifiers this project accepts (permissive licences), compared without case. */
export const PERMISSIVE = [
  'MIT',
  'MIT-0',
  'ISC',
  '0BSD',
  'BSD',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  'MPL-2.0',
  'BlueOak-1.0.0',
  'CC0-1.0',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'Unlicense',
  'Zlib',
  'Python-2.0',
  'WTFPL',
];
const permissive = new Set(PERMISSIVE.map((id) => id.toLowerCase()));

/**
 * Whether an SPDX expression is permissive: `A OR B` when either side is, `A AND B` when both are; parentheses
 * group; `WITH` exceptions keep their licence's verdict.
 */
export function isPermissive(expression) {
  if (typeof expression !== 'string' || expression.trim() === '') return false;
  const tokens = expression
    .replace(/[()]/g, (p) => ` ${p} `)
    .trim()
    .split(/\s+/);
  let at = 0;
  const primary = () => {
    const token = tokens[at++];
    if (token === '(') {
      const value = or();
      at++; // ')'
      return value;
    }
    const ok = token !== undefined && permissive.has(token.replace(/\+$/, '').toLowerCase());
    if (tokens[at]?.toUpperCase() === 'WITH') at += 2;
    return ok;
  };
  const and = () => {
    let value = primary();
    while (tokens[at]?.toUpperCase() === 'AND') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const or = () => {
    let value = and();
    while (tokens[at]?.toUpperCase() === 'OR') {
      at++;
      value = and() || value;
    }
    return value;
  };
  const value = or();
  return at === tokens.length && value;
}

/** The licence a package.json declares: `license`, or the old `licenses` array joined with OR. */
export function declaredLicence(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (license && typeof license.type === 'string') return license.type;
  if (Array.isArray(licenses))
    return (
      licenses
        .map((l) => (typeof l === 'string' ? l : l?.type))
        .filter(Boolean)
        .join(' OR ') || undefined
    );
  return undefined;
}

/** Every package under node_modules (scoped and nested) whose licence is not permissive, as "name@version: licence". */
export function nonPermissive(root) {
  const found = [];
  const visit = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.name.startsWith('@')) {
        visit(path);
        continue;
      }
      const manifestFile = join(path, 'package.json');
      if (existsSync(manifestFile)) {
        const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
        const licence = declaredLicence(manifest);
        if (manifest.name && !isPermissive(licence)) found.push(`${manifest.name}@${manifest.version}: ${licence ?? 'no licence declared'}`);
      }
      visit(join(path, 'node_modules'));
    }
  };
  visit(root);
  return found;
}

/** The executable format a file's first bytes announce (ELF, Mach-O, PE), or undefined. */
export function executableFormat(head) {
  const hex = Buffer.from(head.subarray(0, 4)).toString('hex');
  if (hex === '7f454c46') return 'ELF';
  if (['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(hex)) return 'Mach-O';
  if (hex.startsWith('4d5a')) return 'PE';
  return undefined;
}

/** Files tracked by git under `dir` that are executable binaries, as "path: format". Empty outside a git checkout. */
export function trackedBinaries(dir) {
  const listed = spawnSync('git', ['ls-files', '-z'], { cwd: dir, encoding: 'utf8' });
  if (listed.status !== 0) return [];
  const found = [];
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const head = Buffer.alloc(4);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 4, 0);
    } finally {
      closeSync(fd);
    }
    const format = executableFormat(head);
    if (format) found.push(`${file}: ${format} executable`);
  }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const binaries = trackedBinaries('.');
  if (binaries.length > 0) {
    process.stderr.write(
      `licences: ${binaries.length} executable binary file(s) tracked in git:\n${binaries.map((b) => `  ${b}`).join('\n')}\nRemove them (git rm --cached FILE) and install the program from npm or Debian in the project's setup instead.\n`,
    );
    process.exit(1);
  }
  const root = process.argv[2] ?? 'node_modules';
  if (!existsSync(root)) {
    process.stderr.write(`licences: ${root}: expected the installed npm packages. Run npm ci first.\n`);
    process.exit(2);
  }
  const bad = nonPermissive(root);
  if (bad.length > 0) {
    process.stderr.write(
      `licences: ${bad.length} installed package(s) not under a permissive licence (${PERMISSIVE.join(', ')}):\n${bad.map((b) => `  ${b}`).join('\n')}\nRemove them, or replace them with a permissively licensed package.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`licences: every installed package is under a permissive licence\n`);
}
