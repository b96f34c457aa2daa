// Reads and validates a targets YAML file; every problem names the file and the field.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { targetsSchema, type Targets } from '../../vocabulary/targets.ts';

export const DEFAULT_TARGETS_FILE = join(PROJECT_ROOT, 'targets.yaml');

/** The parser's first line, then the offending line of the file as written ("line 4: `   p99Ms: [2500`"). */
export function yamlProblem(error: unknown, text: string): string {
  const message = (error as Error).message.split('\n')[0]!.replace(/:$/, '');
  const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
  const quoted = line === undefined ? undefined : text.split(/\r?\n/)[line - 1];
  return quoted === undefined ? message : `${message}. Line ${line}: \`${quoted}\``;
}

export function parseTargets(text: string, source: string): Targets {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new UsageError(`targets file ${source}`, 'valid YAML', `Fix the syntax: ${yamlProblem(error, text)}`);
  }
  const parsed = targetsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`).join('; ');
    throw new UsageError(`targets file ${source}`, 'the fields of targets.yaml', `Fix: ${problems}. See the committed targets.yaml for every field.`);
  }
  return parsed.data;
}

export function loadTargets(file: string = DEFAULT_TARGETS_FILE): Targets {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`targets file ${file}`, 'a readable YAML file', `Check the path (${(error as NodeJS.ErrnoException).code}).`);
  }
  return parseTargets(text, file);
}
