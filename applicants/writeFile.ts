// Writes generated households to a file as NDJSON (one per line), streaming with backpressure so a million
// households take constant memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Household, PlanYear } from '../domain/household.ts';
import { UsageError } from '../vocabulary/errors.ts';
import { generateHouseholds } from './generate.ts';

export interface WriteApplicantsOptions {
  count: number;
  seed: number;
  planYear: PlanYear;
  file: string;
}

export async function writeHouseholds(households: Iterable<Household>, file: string): Promise<number> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (error: NodeJS.ErrnoException) =>
      reject(new UsageError(`--out ${file}`, 'a writable file path', `Check the folder exists and is writable (${error.code}).`)),
    ),
  );
  let count = 0;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  for (const household of households) {
    await write(`${JSON.stringify(household)}\n`);
    count += 1;
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

export function writeApplicantsFile(options: WriteApplicantsOptions): Promise<number> {
  return writeHouseholds(generateHouseholds(options), options.file);
}
