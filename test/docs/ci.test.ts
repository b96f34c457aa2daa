// docs/ci.md: its GitHub Actions workflow parses, runs the harness, appends summary.md to the job summary, uploads the
// run folder and fails the job on the harness's exit code — and its shell steps do that when run, with each code.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}

const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'ci.md'), 'utf8');
const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const workflow = parse(blocks[0] ?? '') as { on: Record<string, unknown>; jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs ?? {})[0]?.steps ?? [];
const step = (name: string): Step => {
  const found = steps.find((s) => s.name === name);
  if (!found) throw new Error(`docs/ci.md: no step named "${name}" (steps: ${steps.map((s) => s.name).join(', ')})`);
  return found;
};

/** A step's script as GitHub runs it (bash -e -o pipefail), in `cwd`, with `env`. */
function runStep(script: string, cwd: string, env: Record<string, string>): { status: number | null; stdout: string } {
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

describe('docs/ci.md', () => {
  it('holds one workflow that parses and names its steps in order', () => {
    expect(blocks).toHaveLength(1);
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(steps.map((s) => s.name)).toEqual([
      'Check out',
      'Set up Node 20',
      'Install the harness and Prometheus',
      'Run the harness',
      'Append summary.md to the job summary',
      'Upload the run folder',
      'Fail on the harness exit code',
    ]);
    expect(step('Run the harness').run).toMatch(/^node bin\/harness\.mjs run \S+ .*--results results\/ci$/m);
    for (const name of ['Append summary.md to the job summary', 'Upload the run folder', 'Fail on the harness exit code'])
      expect(step(name).if, name).toBe('always()');
    expect(step('Upload the run folder').uses).toMatch(/^actions\/upload-artifact@v\d+$/);
    expect(step('Upload the run folder').with).toMatchObject({ path: 'results/ci/' });
    expect(step('Append summary.md to the job summary').run).toContain('>> "$GITHUB_STEP_SUMMARY"');
  });

  it('the run step records the harness exit code and the run folder, and does not fail the job itself', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'harness-ci-doc-'));
    const output = join(cwd, 'github-output');
    // The harness replaced by a stand-in that writes a run folder and misses a target.
    const script = step('Run the harness').run!.replace(/^node bin\/harness\.mjs run .*$/m, 'mkdir -p results/ci/run-1 && (exit 1)');
    const result = runStep(script, cwd, { GITHUB_OUTPUT: output });
    expect(result.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\nrun-dir=results/ci/run-1/\n');
  });

  it('the summary step appends summary.md, or says there is none', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'harness-ci-doc-'));
    mkdirSync(join(cwd, 'results/ci/run-1'), { recursive: true });
    writeFileSync(join(cwd, 'results/ci/run-1/summary.md'), '## ❌ FAIL — load run\n');
    const summary = join(cwd, 'step-summary');
    const script = step('Append summary.md to the job summary').run!;
    expect(runStep(script, cwd, { GITHUB_STEP_SUMMARY: summary, RUN_DIR: 'results/ci/run-1/', EXIT_CODE: '1' }).status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toBe('## ❌ FAIL — load run\n');
    expect(runStep(script, cwd, { GITHUB_STEP_SUMMARY: summary, RUN_DIR: '', EXIT_CODE: '2' }).status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toMatch(/No summary\.md: the harness stopped before its verdict \(exit 2\)\.\n$/);
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['130', 130],
    ['', 1],
  ])('the last step ends the job with exit %j as %i', (code, status) => {
    const result = runStep(step('Fail on the harness exit code').run!, tmpdir(), { EXIT_CODE: code });
    expect(result.status).toBe(status);
    if (status !== 0) expect(result.stdout).toMatch(/^::error::harness: /);
  });
});
