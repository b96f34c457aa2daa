// A new folder per run under results/, named by time, profile and a random suffix; never reused or overwritten.

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { ensureWritableFolder } from '../outputFolder.ts';
import { UsageError } from '../../vocabulary/errors.ts';

export const DEFAULT_RESULTS_DIR = join(PROJECT_ROOT, 'results');

export function newRunId(profile: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${profile}-${randomBytes(2).toString('hex')}`;
}

export function createRunFolder(resultsDir: string, runId: string): string {
  ensureWritableFolder(resultsDir, '--results');
  const dir = join(resultsDir, runId);
  try {
    mkdirSync(dir); // not recursive: fails rather than reuse an existing run
  } catch (error) {
    throw new UsageError(`results folder ${dir}`, 'a new, writable folder', `Check --results and its permissions (${(error as NodeJS.ErrnoException).code}).`);
  }
  return dir;
}
