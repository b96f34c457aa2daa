// Runs the real `harness` CLI as a child process, the way a user or CI does.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

export interface HarnessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** `detached`: the harness leads a process group of its own, as a terminal's foreground job does (Ctrl-C reaches the whole group). */
export function runHarness(
  args: string[],
  options: { onStdout?: (text: string, child: ReturnType<typeof spawn>) => void; timeoutMs?: number; detached?: boolean } = {},
): Promise<HarnessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'harness.mjs'), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`harness ${args.join(' ')} did not finish within ${options.timeoutMs ?? 120_000} ms\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Process ids whose environment carries HARNESS_RUN_ID=<runId>: the children a run started. */
export async function processesOfRun(runId: string): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, 'utf8');
      if (environ.split('\0').includes(`HARNESS_RUN_ID=${runId}`)) pids.push(Number(entry));
    } catch {
      // gone already, or not ours to read
    }
  }
  return pids;
}

/** What a test reads back from a finished `harness run`: its exit, the load's, the verdict's checks, the load's summary, reconciliation. */
export interface RunFacts {
  runDir: string;
  code: number | null;
  /** The CLI's output, for failure messages. */
  output: string;
  loadExitCode: number;
  checks: { name: string; actual: number | string; pass: boolean }[];
  /** load-summary.json. */
  summary: { durationSeconds?: number; metrics: Record<string, { values: Record<string, number> }> };
  reconciliation: { classes: Record<string, number> };
}

/** `harness run …` into `resultsDir`, then the run folder's facts. */
export async function runAndRead(args: string[], resultsDir: string, timeoutMs = 90_000): Promise<RunFacts> {
  const result = await runHarness([...args, '--results', resultsDir], { timeoutMs });
  const output = result.stdout + result.stderr;
  const runId = /· run (\S+)/.exec(result.stdout)?.[1];
  if (!runId) throw new Error(`no run id in output:\n${output}`);
  const read = (file: string) => JSON.parse(readFileSync(join(resultsDir, runId, file), 'utf8'));
  return {
    runDir: join(resultsDir, runId),
    code: result.code,
    output,
    loadExitCode: read('run.json').loadExitCode,
    checks: read('verdict.json').checks,
    summary: read('load-summary.json'),
    reconciliation: read('reconciliation.json'),
  };
}

/** Names of the verdict's failed checks. */
export const failedChecks = (facts: RunFacts): string[] => facts.checks.filter((c) => !c.pass).map((c) => c.name);
