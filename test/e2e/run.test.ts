// The walking skeleton end to end: the real CLI, real services on loopback, the real load engine, real 834s.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEdiFolder } from '../../reconcile/ediFolder.ts';
import { processesOfRun, runHarness } from './harness.ts';
import { writeTestTargets } from '../vocabulary/targetsFixture.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-'));

/** Households of the run that may enroll: those referred to Medicaid/CHIP end at eligibility (docs/profiles.md). */
function enrollableIn(runDir: string): number {
  const lines = readFileSync(join(runDir, 'applicants.ndjson'), 'utf8').trim().split('\n');
  return lines.filter((line) => (JSON.parse(line) as { expected: { result: string } }).expected.result !== 'medicaid').length;
}

function runDirOf(stdout: string): { runId: string; runDir: string } {
  const runId = /· run (\S+)/.exec(stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${stdout}`);
  return { runId, runDir: join(resultsDir, runId) };
}

describe('harness run smoke', () => {
  it('passes end to end: every confirmed enrollment reaches the insurer intact', async () => {
    const result = await runHarness(['run', 'smoke', '--results', resultsDir]);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('VERDICT: PASS');
    const { runDir } = runDirOf(result.stdout);
    const verdict = JSON.parse(readFileSync(join(runDir, 'verdict.json'), 'utf8'));
    expect(verdict.pass).toBe(true);
    expect(verdict.profile).toBe('smoke');
    const confirmed = verdict.checks.find((c: { name: string }) => c.name === 'enrollments confirmed to consumers');
    const intact = verdict.checks.find((c: { name: string }) => c.name === 'enrollments received intact by the insurer');
    // 20 households; those referred to Medicaid/CHIP stop at eligibility and are not intended.
    const enrollable = enrollableIn(runDir);
    expect(enrollable).toBeGreaterThan(10);
    expect(enrollable).toBeLessThanOrEqual(20);
    expect(confirmed.actual).toBe(enrollable);
    expect(confirmed.target).toBe(`= ${enrollable}`);
    expect(intact.actual).toBe(enrollable);
    expect(result.stdout).toMatch(new RegExp(`enrollments confirmed by the exchange: ${enrollable}; received intact by the insurer: ${enrollable}`));
    const ledger = readFileSync(join(runDir, 'ledger.ndjson'), 'utf8').trim().split('\n');
    expect(ledger).toHaveLength(enrollable);
    expect(readFileSync(join(runDir, 'summary.md'), 'utf8')).toContain('PASS');
    // Every interchange the insurer took in is kept as sent, one .x12 file each (and the run's PII scan passed with them):
    // read again, they hold exactly the confirmations the consumers were told, in the exchanges' usage of loop 2750.
    const files = readdirSync(join(runDir, 'edi'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((name) => name.endsWith('.x12'))).toBe(true);
    const edi = readEdiFolder(join(runDir, 'edi'));
    expect(edi.problems).toEqual([]);
    const told = ledger.map((line) => (JSON.parse(line) as { confirmationNumber: string }).confirmationNumber);
    expect(new Set(edi.records.map((r) => r.confirmationNumber))).toEqual(new Set(told));
    const first = readFileSync(join(runDir, 'edi', files[0]!), 'utf8');
    expect(first).toMatch(/~N1\*75\*PRE AMT 1~REF\*9X\*\d+\.\d\d~DTP\*007\*D8\*\d{8}~/);
  }, 180_000);

  it('exits 1 and names the failed check when a target is impossible', async () => {
    const file = writeTestTargets((t) => (t.slo.p95Ms = 0.001));
    const result = await runHarness(['run', 'smoke', '--results', resultsDir, '--targets', file]);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/VERDICT: FAIL — missed: .*latency p95/);
    const { runDir } = runDirOf(result.stdout);
    const verdict = JSON.parse(readFileSync(join(runDir, 'verdict.json'), 'utf8'));
    expect(verdict.pass).toBe(false);
    expect(verdict.checks.find((c: { name: string }) => c.name === 'latency p95').pass).toBe(false);
  }, 180_000);

  it('Ctrl-C mid-run stops the load gracefully, writes what ran, exits 130 and leaves no child process alive', async () => {
    let runId = '';
    let interrupted = false;
    let aliveBefore: Promise<number[]> = Promise.resolve([]);
    const result = await runHarness(['run', 'smoke', '--results', resultsDir, '--scale', '100'], {
      onStdout: (stdout, child) => {
        runId ||= /· run (\S+)/.exec(stdout)?.[1] ?? '';
        // Interrupt once the load is running, when the exchange and the insurer are alive.
        if (!interrupted && stdout.includes('[4/6] load engine')) {
          interrupted = true;
          aliveBefore = processesOfRun(runId).then((pids) => {
            child.kill('SIGINT');
            return pids;
          });
        }
      },
    });
    expect(interrupted).toBe(true);
    expect(runId).not.toBe('');
    // The exchange and the insurer were running when Ctrl-C came.
    expect((await aliveBefore).length).toBeGreaterThanOrEqual(2);
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stdout).toContain('SIGINT received: no new journeys');
    expect(await processesOfRun(runId)).toEqual([]);
    // What ran was drained, reconciled and judged: every confirmation a consumer was told reached the insurer.
    const runDir = join(resultsDir, runId);
    expect(JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')).interrupted).toBe(true);
    expect(JSON.parse(readFileSync(join(runDir, 'load-summary.json'), 'utf8')).exitReason).toBe('interrupted');
    const reconciliation = JSON.parse(readFileSync(join(runDir, 'reconciliation.json'), 'utf8'));
    expect(reconciliation.enrollments.confirmed).toBeLessThan(2000);
    expect(reconciliation.enrollments.intact).toBe(reconciliation.enrollments.confirmed);
  }, 180_000);

  it('refuses an unknown profile with exit 2 and the list of profiles', async () => {
    const result = await runHarness(['run', 'nosuchprofile', '--results', resultsDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/profile "nosuchprofile": expected one of smoke/);
  });
});

describe('harness run smoke at volume', () => {
  it('reconciles a clean run of 10,000 enrollments with zero in every defect class', async () => {
    // --duration: smoke's default 120 s cap on its iterations is enough on a quiet machine, not on a busy one.
    const result = await runHarness(['run', 'smoke', '--scale', '500', '--seed', '3', '--duration', '420s', '--results', resultsDir], { timeoutMs: 600_000 });
    expect(result.code, result.stdout).toBe(0);
    const { runDir } = runDirOf(result.stdout);
    const reconciliation = JSON.parse(readFileSync(join(runDir, 'reconciliation.json'), 'utf8'));
    const enrollable = enrollableIn(runDir);
    expect(enrollable).toBeGreaterThan(5_000);
    expect(reconciliation.enrollments).toEqual({ intended: enrollable, confirmed: enrollable, received: enrollable, intact: enrollable });
    expect(Object.values(reconciliation.classes)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  }, 600_000);
});

describe('harness run smoke --exchange-workers 2', () => {
  it('passes end to end on a clustered exchange with a waiting room: every confirmation reaches the insurer intact', async () => {
    const result = await runHarness(
      ['run', 'smoke', '--scale', '5', '--exchange-workers', '2', '--waiting-room', '10', '--prometheus', 'off', '--results', resultsDir],
      { timeoutMs: 180_000 },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const { runDir } = runDirOf(result.stdout);
    const reconciliation = JSON.parse(readFileSync(join(runDir, 'reconciliation.json'), 'utf8'));
    const enrollable = enrollableIn(runDir);
    expect(reconciliation.enrollments).toEqual({ intended: enrollable, confirmed: enrollable, received: enrollable, intact: enrollable });
  }, 180_000);

  it('refuses a worker count it cannot use with exit 2', async () => {
    const result = await runHarness(['run', 'smoke', '--exchange-workers', '0', '--results', resultsDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--exchange-workers/);
  });
});

describe('harness serve', () => {
  it('says which port is in use and exits 2', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runHarness(['serve', 'insurer', '--port', String(port), '--data-dir', join(resultsDir, 'serve-insurer')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`port ${port} is in use: choose another --port, or --port 0`));
    } finally {
      blocker.close();
    }
  });
});
