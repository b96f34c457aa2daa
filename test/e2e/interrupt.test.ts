// Ctrl-C as a terminal sends it: SIGINT to the harness's whole process group once the load has begun. The run folder
// must still tell: run.json, an INTERRUPTED verdict, JUnit with an error, summary.md and report.html saying what ran
// and for how long, the reconciliation of what was confirmed so far; exit 130; then `report` and `gate` on it work.

import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecondRow } from '../../engine/runPlan.ts';
import { ENGINE_METRICS } from '../../vocabulary/metrics/engine.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { cliInProcess } from '../scripts/commands/cliInProcess.ts';
import { processesOfRun, runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-interrupt-'));
/** 5,000 journeys shared by 50 users: a run of several seconds however fast the machine, so Ctrl-C lands mid-load. */
const SCALE = '250';
const JOURNEYS = 5000;

/** Journeys finished so far, from the run's per-second rows (load-seconds.ndjson, written as each second closes). */
function journeysSoFar(runDir: string): number {
  let text = '';
  try {
    text = readFileSync(runFile(runDir, 'loadSeconds'), 'utf8');
  } catch {
    return 0;
  }
  let journeys = 0;
  for (const line of text.split('\n')) {
    if (!line.endsWith('}')) continue;
    const row = JSON.parse(line) as SecondRow;
    for (const series of row.series) if (series.name === ENGINE_METRICS.journeys) journeys += series.sum;
  }
  return journeys;
}

describe('harness run interrupted by Ctrl-C', () => {
  it('leaves a run folder that tells: INTERRUPTED verdict, JUnit error, what ran, reconciled so far; exit 130; report and gate work on it', async () => {
    let runId = '';
    let sent = false;
    let child: ChildProcess | undefined;
    // Every smoke journey ends in a confirmed enrollment: once a second's row counts finished journeys, the interrupted
    // run has something to reconcile. Watching the rows, not the plain progress lines (every 10 s), keeps this
    // independent of how fast the machine gets through the load.
    const watch = setInterval(() => {
      if (sent || !runId || !child?.pid || journeysSoFar(join(resultsDir, runId)) === 0) return;
      sent = true;
      process.kill(-child.pid, 'SIGINT');
    }, 100);
    const result = await runHarness(['run', 'smoke', '--scale', SCALE, '--prometheus', 'off', '--results', resultsDir], {
      detached: true,
      onStdout: (stdout, started) => {
        child = started;
        runId ||= /· run (\S+)/.exec(stdout)?.[1] ?? '';
      },
    }).finally(() => clearInterval(watch));
    expect(sent, result.stdout).toBe(true);
    expect(result.code, result.stdout + result.stderr).toBe(130);
    expect(result.stdout).toContain('VERDICT: INTERRUPTED');
    expect(await processesOfRun(runId)).toEqual([]);
    const runDir = join(resultsDir, runId);
    const read = (file: string): string => readFileSync(join(runDir, file), 'utf8');

    expect(JSON.parse(read('run.json'))).toMatchObject({ runId, interrupted: true, loadExitCode: 130 });
    const verdict = JSON.parse(read('verdict.json'));
    expect(verdict).toMatchObject({ status: 'INTERRUPTED', pass: false });
    const junit = read('junit.xml');
    expect(junit).toMatch(/<testcase [^>]*name="run completed"[^>]*>\s*<error message="VERDICT: INTERRUPTED[^"]*" type="Interrupted">/);
    expect(junit).toMatch(/errors="1"/);
    // What ran and for how long, in summary.md and the report.
    const summary = read('summary.md');
    expect(summary).toMatch(/INTERRUPTED/);
    expect(summary).toMatch(/- ran: [\d.]+ s \(the plan allows at most 120 s\), then INTERRUPTED/);
    expect(read('report.html')).toMatch(/data-status="INTERRUPTED">VERDICT: INTERRUPTED/);
    expect(read('report.html')).toMatch(/ran: [\d.]+ s \(the plan allows at most 120 s\), then INTERRUPTED/);
    // The services outlived the Ctrl-C (they run in process groups of their own): what was confirmed so far reached the insurer.
    const reconciliation = JSON.parse(read('reconciliation.json'));
    expect(reconciliation.enrollments.confirmed).toBeGreaterThan(0);
    expect(reconciliation.enrollments.confirmed).toBeLessThan(JOURNEYS);
    expect(reconciliation.enrollments.intact).toBe(reconciliation.enrollments.confirmed);

    // The commands after the run, in this process: the run folder is what is under test, not a second start-up.
    const report = await cliInProcess(['report', '--run', runDir]);
    expect(report.code, report.stderr).toBe(0);
    const gate = await cliInProcess(['gate', '--run', runDir]);
    expect(gate.code, gate.stdout + gate.stderr).toBe(1);
    expect(gate.stderr).toMatch(/is an interrupted run \(Ctrl-C or SIGTERM stopped its load\).*Run the profile again to completion/);
    expect(JSON.parse(read('verdict.json')).status).toBe('INTERRUPTED');
  }, 180_000);
});
