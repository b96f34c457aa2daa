// Benchmark: synthetic households generated and serialised to NDJSON per second, and whether memory grows with N.
// Goal (issues #3, #19): ≥ 50,000 households/s for 1,000,000 households (≤ 20 s), memory flat. The CPU time is printed
// beside the wall time: on a machine other work shares, households per CPU second is the generator's own speed.
// APPLICANTS_HOUSEHOLDS=200000 for a quicker run.

import { generateHouseholds } from '../applicants/generate.ts';
import { envNumber } from './envNumbers.ts';
import type { Figures } from './figures.ts';

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function benchApplicants(count = envNumber('APPLICANTS_HOUSEHOLDS', 1_000_000)): Promise<Figures> {
  let bytes = 0;
  let peakRss = 0;
  let rssAtTenth = 0;
  const startedCpu = process.cpuUsage();
  const started = performance.now();
  let n = 0;
  for (const household of generateHouseholds({ count, seed: 7, planYear: 2026 })) {
    bytes += JSON.stringify(household).length + 1; // serialised as a line; the sink discards it
    n += 1;
    if (n % 10_000 === 0) {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      if (n === Math.max(10_000, Math.floor(count / 10 / 10_000) * 10_000)) rssAtTenth = rss;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(startedCpu);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const finalRss = process.memoryUsage.rss();
  return {
    'applicants: households': { value: n, unit: 'households' },
    'applicants: wall time': { value: Math.round(seconds * 100) / 100, unit: 's' },
    'applicants: households per second': { value: Math.round(n / seconds), unit: 'households/s' },
    'applicants: CPU time': { value: Math.round(cpuSeconds * 100) / 100, unit: 's' },
    'applicants: households per CPU second': { value: Math.round(n / cpuSeconds), unit: 'households/s' },
    'applicants: ratio to the 50,000/s goal': { value: Math.round((n / seconds / 50_000) * 100) / 100, unit: 'ratio' },
    'applicants: NDJSON size': { value: mib(bytes), unit: 'MiB' },
    'applicants: peak RSS': { value: mib(Math.max(peakRss, finalRss)), unit: 'MiB' },
    'applicants: RSS growth from 10 % to 100 % of the run': { value: mib(finalRss - rssAtTenth), unit: 'MiB' },
  };
}
