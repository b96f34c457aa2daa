// `node --import tsx bench/cpuProfileTop.ts FILE.cpuprofile... [--top N]`: where each profiled process spent its time
// (self time by function and by file). The profiles come from `END_TO_END_CPU_PROF=DIR npm run bench -- end-to-end`.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary, summarizeProfile, type CpuProfile } from './cpuProfile.ts';

const usage = 'usage: bench/cpuProfileTop.ts FILE.cpuprofile... [--top N]';
const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '15' } }, allowPositionals: true });
const top = Number(values.top);
if (positionals.length === 0 || !Number.isInteger(top) || top < 1) {
  process.stderr.write(`cpuProfileTop: expected one or more .cpuprofile files and --top a whole number > 0; ${usage}\n`);
  process.exit(2);
}
for (const file of positionals) {
  let profile: CpuProfile;
  try {
    profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  } catch (error) {
    process.stderr.write(`cpuProfileTop: ${file}: expected a V8 CPU profile written by node --cpu-prof (${(error as Error).message}); ${usage}\n`);
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(basename(file), summarizeProfile(profile, top))}\n\n`);
}
