// Writes generated households to a file, NDJSON (one per line) or as a JSON array for k6's SharedArray,
// streaming with backpressure so a million households take constant memory.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Household, PlanYear } from '../domain/household.ts';
import { UsageError } from '../scripts/usageError.ts';
import { generateHouseholds } from './generate.ts';

export type ApplicantFormat = 'ndjson' | 'k6';

export interface WriteApplicantsOptions {
  count: number;
  seed: number;
  planYear: PlanYear;
  file: string;
  format?: ApplicantFormat;
}

export async function writeHouseholds(households: Iterable<Household>, file: string, format: ApplicantFormat = 'ndjson'): Promise<number> {
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
  if (format === 'k6') await write('[\n');
  for (const household of households) {
    const json = JSON.stringify(household);
    await write(format === 'k6' ? `${count > 0 ? ',\n' : ''}${json}` : `${json}\n`);
    count += 1;
  }
  if (format === 'k6') await write('\n]\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return count;
}

export function writeApplicantsFile(options: WriteApplicantsOptions): Promise<number> {
  return writeHouseholds(generateHouseholds(options), options.file, options.format);
}
