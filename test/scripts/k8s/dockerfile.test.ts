// The Dockerfile and the Job agree: the project where the pods' command looks for it, the user the pods run as, the
// dependencies installed by npm ci. The image cannot be built here (no Docker engine); this checks the file itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR, HARNESS_COMMAND } from '../../../scripts/k8s/shardJob.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';

const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
const ignored = readFileSync(join(PROJECT_ROOT, '.dockerignore'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const instructions = (keyword: string): string[] => [...dockerfile.matchAll(new RegExp(`^${keyword} (.+)$`, 'gm'))].map((m) => m[1]!.trim());

describe('the Dockerfile', () => {
  it('builds on node:20-slim with npm ci and the tools better-sqlite3 builds with, and runs on node:20-slim', () => {
    expect(instructions('FROM')).toEqual(['node:20-slim AS dependencies', 'node:20-slim']);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends python3 make g\+\+/);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
  });

  it("puts the project where the Job's command runs it, and its entry point is the same harness", () => {
    expect(instructions('WORKDIR')).toEqual([APP_DIR, APP_DIR]);
    expect(HARNESS_COMMAND).toEqual(['node', `${APP_DIR}/bin/harness.mjs`]);
    expect(instructions('ENTRYPOINT')).toEqual(['["node", "bin/harness.mjs"]']);
  });

  it('runs as the unprivileged node user, uid 1000, as the pods ask', () => {
    expect(instructions('USER')).toEqual(['node']);
  });

  it('leaves out installed modules and run output, nothing the CLI imports', () => {
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', 'results']));
    // scripts/cli.ts loads every command, `bench` among them, and bench loads fixtures from test/.
    for (const needed of ['scripts', 'engine', 'scenarios', 'bench', 'test', 'bin', 'package-lock.json', 'targets.yaml']) expect(ignored).not.toContain(needed);
  });
});
