// An exchange the harness did not start: `run --base-url` against a mock stack this test starts itself (its insurer
// keeping each 834 as a file, as a real back end's inbound folder would), then `reconcile --ledger --edi` on that
// folder, a garbled file in it, the loopback refusal, and `--journeys` with the example and with bad modules.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessGroup } from '../../scripts/run/processes.ts';
import type { RunningService } from '../../scripts/run/services.ts';
import { cliInProcess } from '../scripts/commands/cliInProcess.ts';
import { runHarness } from './harness.ts';
import { drained, startExchange, startInsurer } from './stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-target-'));
const resultsDir = join(dir, 'results');
const ediDir = join(dir, 'insurer-inbound');
const group = new ProcessGroup();
let exchange: RunningService;

const runDirOf = (stdout: string): string => {
  const runId = /· run (\S+)/.exec(stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${stdout}`);
  return join(resultsDir, runId);
};
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const lines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

/** A copy of the insurer's inbound folder, modification times kept (they are when each file was received). */
function copyFolder(to: string): string[] {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(ediDir).sort();
  for (const name of names) {
    copyFileSync(join(ediDir, name), join(to, name));
    const { atime, mtime } = statSync(join(ediDir, name));
    utimesSync(join(to, name), atime, mtime);
  }
  return names;
}

beforeAll(async () => {
  const insurer = await startInsurer(group, dir, { ediDir });
  exchange = await startExchange(group, dir, insurer.baseUrl);
}, 60_000);

afterAll(async () => {
  await group.stopAll(5_000);
});

describe('harness run --base-url, then reconcile --ledger --edi', () => {
  let runDir = '';

  it('runs the profile against the running exchange, writes the ledger, and says integrity was not checked', async () => {
    const result = await runHarness(['run', 'smoke', '--scale', '0.5', '--base-url', exchange.baseUrl, '--prometheus', 'off', '--results', resultsDir]);
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(0);
    runDir = runDirOf(result.stdout);
    expect(result.stdout).not.toContain('insurer listening');
    expect(result.stdout).toMatch(/NOT CHECKED in this run: integrity at the insurer — check it with `harness reconcile --ledger .*ledger\.ndjson --edi DIR`/);
    expect(result.stdout).toMatch(/VERDICT: PASS — every target checked held .*NOT CHECKED: integrity at the insurer/);
    const verdict = json(join(runDir, 'verdict.json'));
    const integrity = verdict.checks.find((c: { name: string }) => c.name === 'integrity at the insurer');
    expect(integrity).toMatchObject({ actual: 'not checked in this run', pass: false });
    expect(verdict.checks.some((c: { name: string }) => c.name.startsWith('integrity: '))).toBe(false);
    expect(existsSync(join(runDir, 'insurer-records.ndjson'))).toBe(false);
    expect(existsSync(join(runDir, 'reconciliation.json'))).toBe(false);
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toMatch(/NOT CHECKED in this run: integrity at the insurer/);
    expect(readFileSync(join(runDir, 'junit.xml'), 'utf8')).toMatch(/<skipped message="not checked in this run: check it with/);
    expect(json(join(runDir, 'run.json')).baseUrl).toBe(exchange.baseUrl);
    expect(lines(join(runDir, 'ledger.ndjson'))).toHaveLength(10);
    // Judged again before any reconciliation: still not checked, the confirmations counted from the ledger.
    const gate = await cliInProcess(['gate', '--run', runDir]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
    const again = json(join(runDir, 'verdict.json')).checks as { name: string; actual: unknown; notChecked?: string }[];
    expect(again.find((c) => c.name === 'integrity at the insurer')?.notChecked).toMatch(/harness reconcile --ledger/);
    expect(again.find((c) => c.name === 'enrollments confirmed to consumers')?.actual).toBe(10);
  }, 90_000);

  it('reconciles the ledger against the 834 files the insurer received: every confirmation intact', async () => {
    expect(await drained(exchange.baseUrl)).toBe(true);
    const ledger = join(runDir, 'ledger.ndjson');
    const result = await cliInProcess(['reconcile', '--ledger', ledger, '--edi', ediDir]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const reconciliation = json(join(runDir, 'reconciliation.json'));
    const confirmed = lines(ledger).length;
    expect(reconciliation.enrollments.confirmed).toBe(confirmed);
    expect(reconciliation.enrollments.intact).toBe(confirmed);
    expect(Object.values(reconciliation.classes).every((n) => n === 0)).toBe(true);
    expect(reconciliation.edi.files).toBe(readdirSync(ediDir).length);
    expect(reconciliation.edi.problems).toEqual([]);
    expect(reconciliation.applicants).toBe(join(runDir, 'applicants.ndjson'));
    // The gate now judges the run on the reconciliation: the integrity checks are made and held.
    const gate = await cliInProcess(['gate', '--run', runDir]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(0);
    const checks = json(join(runDir, 'verdict.json')).checks as { name: string; pass: boolean; notChecked?: string }[];
    expect(checks.find((c) => c.name === 'enrollments received intact by the insurer')?.pass).toBe(true);
    expect(checks.some((c) => c.notChecked !== undefined)).toBe(false);
  }, 60_000);

  it('reports a garbled 834 file among good ones as a finding naming the file, its enrollments lost, exit 1', async () => {
    const folder = join(dir, 'garbled-inbound');
    const names = copyFolder(folder);
    const victim = names[0]!;
    const text = readFileSync(join(folder, victim), 'utf8');
    const enrollmentsInIt = (text.match(/~BGN\*/g) ?? []).length;
    expect(enrollmentsInIt).toBeGreaterThan(0);
    writeFileSync(join(folder, victim), text.slice(0, Math.floor(text.length / 2)));
    const out = join(dir, 'garbled-reconciliation.json');
    const result = await cliInProcess(['reconcile', '--ledger', join(runDir, 'ledger.ndjson'), '--edi', folder, '--out', out]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toContain(`✗ ${victim}: not a readable 834 interchange`);
    expect(result.stderr).toMatch(/integrity defects found: lost \d+, 834 files unreadable or rejected 1/);
    const reconciliation = json(out);
    expect(reconciliation.edi.problems.map((p: { file: string }) => p.file)).toEqual([victim]);
    expect(reconciliation.classes.lost).toBe(enrollmentsInIt);
    expect(reconciliation.enrollments.intact).toBe(reconciliation.enrollments.confirmed - enrollmentsInIt);
  }, 30_000);

  it('refuses a folder with nothing to reconcile (missing, empty, no readable 834), naming it, exit 2', async () => {
    const ledger = join(runDir, 'ledger.ndjson');
    const missing = await cliInProcess(['reconcile', '--ledger', ledger, '--edi', join(dir, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-folder: expected a folder of X12 834 files');
    const empty = join(dir, 'empty-inbound');
    mkdirSync(empty);
    const none = await cliInProcess(['reconcile', '--ledger', ledger, '--edi', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('expected at least one 834 file');
    const junk = join(dir, 'junk-inbound');
    mkdirSync(junk);
    writeFileSync(join(junk, 'notes.txt'), 'not an interchange');
    const unreadable = await cliInProcess(['reconcile', '--ledger', ledger, '--edi', junk]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain(`${join(junk, 'notes.txt')}: expected an X12 834 interchange`);
  }, 30_000);
});

describe('harness run --base-url off loopback', () => {
  it('is refused without --allow-remote before anything starts or is sent', async () => {
    const results = join(dir, 'refused');
    const result = await cliInProcess(['run', 'smoke', '--base-url', 'http://10.0.0.1:8080', '--results', results]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url http://10.0.0.1:8080: expected a loopback host');
    expect(result.stderr).toContain('--allow-remote');
    // Nothing was generated or started: no results folder, so no run and no request.
    expect(existsSync(results)).toBe(false);
  }, 30_000);
});

describe('harness run --journeys', () => {
  it('runs the example journeys against the exchange', async () => {
    const result = await runHarness([
      'run',
      'smoke',
      '--scale',
      '0.25',
      '--journeys',
      'examples/journeys/browsePlans.ts',
      '--base-url',
      exchange.baseUrl,
      '--prometheus',
      'off',
      '--results',
      resultsDir,
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('your journeys (');
    const runDir = runDirOf(result.stdout);
    const summary = json(join(runDir, 'load-summary.json'));
    expect(summary.metrics['checks{check:plans browsed (200)}'].values.rate).toBe(1);
    expect(summary.metrics.example_plan_lookups.values.count).toBe(5);
    expect(json(join(runDir, 'run.json')).journeys).toMatch(/examples\/journeys\/browsePlans\.ts$/);
  }, 60_000);

  // The first two are refused before anything starts (in this process); the third by the engine's workers (a run).
  it.each([
    ['exports no journeys', 'export const journeys = [];\n', /exports no createJourney function: it exports journeys/, cliInProcess],
    ['does not load', 'export const x = ;\n', /expected an ES module that loads\. Loading it failed: .*Unexpected/, cliInProcess],
    [
      'returns no journey',
      'export function createJourney() { return 42; }\n',
      /createJourney\(options, segment\) returned number; expected the journey/,
      runHarness,
    ],
  ])(
    'refuses a module that %s, naming the file, exit 2',
    async (_what, source, message, cli) => {
      const file = join(mkdtempSync(join(dir, 'journeys-')), 'mine.mts');
      writeFileSync(file, source);
      const result = await cli([
        'run',
        'smoke',
        '--scale',
        '0.25',
        '--journeys',
        file,
        '--base-url',
        exchange.baseUrl,
        '--prometheus',
        'off',
        '--results',
        join(dir, 'bad-journeys'),
      ]);
      expect(result.code, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(message);
    },
    60_000,
  );

  it('refuses a journey file that is not there', async () => {
    const result = await cliInProcess(['run', 'smoke', '--journeys', join(dir, 'absent.ts'), '--results', join(dir, 'absent')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--journeys ${join(dir, 'absent.ts')}: expected an existing journey file`);
  }, 30_000);
});
