// Reading a run folder's files for the analysis commands: every missing or malformed file is a UsageError that
// names the file, says what was expected and what to do.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { runFile, type RunFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { readReconciliation, type ReconciliationFile } from '../../vocabulary/reconciliation.ts';

export function requireRunFolder(dir: string, flag = '--run'): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`${flag} ${dir}`, 'an existing run folder (results/<run-id>)', 'Give the folder `harness run` printed.');
  }
  return dir;
}

export function readJsonFile<T>(file: string, expected: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      file,
      expected,
      `It could not be read (${(error as NodeJS.ErrnoException).code}); re-run, or give a folder that \`harness run\` completed.`,
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new UsageError(file, `${expected} in valid JSON`, `It does not parse (${(error as Error).message}); restore it or re-run.`);
  }
}

/** A run folder's JSON file, or undefined when it is absent (a malformed one is still an error). */
export function readOptionalRunJson<T>(runDir: string, file: RunFile, expected: string): T | undefined {
  const path = runFile(runDir, file);
  return existsSync(path) ? readJsonFile<T>(path, expected) : undefined;
}

export function readRunJson<T>(runDir: string, file: RunFile, expected: string): T {
  return readJsonFile<T>(runFile(runDir, file), expected);
}

/**
 * reconciliation.json read through its schema (an earlier version's top-level `intact` normalised into
 * `enrollments.intact`), or undefined when absent; a malformed one is a UsageError naming what is wrong.
 */
export function readOptionalReconciliation(runDir: string, expected = 'the reconciliation of the run'): ReconciliationFile | undefined {
  const value = readOptionalRunJson<unknown>(runDir, 'reconciliation', expected);
  if (value === undefined) return undefined;
  const read = readReconciliation(value);
  if ('problems' in read)
    throw new UsageError(runFile(runDir, 'reconciliation'), 'reconciliation.json as `harness reconcile` writes it', `Fix: ${read.problems.join('; ')}.`);
  return read.reconciliation;
}
