// `harness plans`: the plan catalog, as a table for people or JSON for machines.

import type { Command } from 'commander';
import { catalogSnapshot } from '../../domain/catalog.ts';
import { parsePlanYear } from './options.ts';

export function register(program: Command): void {
  program
    .command('plans')
    .description('print the plan catalog: states, counties, rating areas, issuers, plans and base rates')
    .option('--json', 'print JSON')
    .option('--plan-year <year>', 'whose base rates: 2025 or 2026', '2026')
    .action((opts: { json?: boolean; planYear: string }) => {
      const catalog = catalogSnapshot(parsePlanYear(opts.planYear));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
      for (const state of catalog) {
        process.stdout.write(
          `${state.state} ${state.name}: ${state.counties.length} counties, issuers ${state.issuers.map((i) => `${i.id} ${i.name}`).join('; ')}\n`,
        );
        for (const area of state.ratingAreas) {
          const rates = area.plans.map((p) => `${p.id} ${p.metal.padEnd(8)} $${p.baseRateAge21.toFixed(2)}`);
          process.stdout.write(`  ${area.ratingArea}\n${rates.map((r) => `    ${r}`).join('\n')}\n`);
        }
      }
    });
}
