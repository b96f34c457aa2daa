// `harness faults --run DIR [SPEC]`: shows, or changes, the exchange.* fault switches of a run under way, e.g. to add
// latency to eligibility for ten minutes of a soak and watch the dashboards and the waiting room respond.

import type { Command } from 'commander';
import { readExchangeAdmin } from '../run/exchangeAdmin.ts';
import { UsageError } from '../../vocabulary/errors.ts';

interface FaultsAnswer {
  spec?: string;
  error?: string;
}

async function callAdmin(url: string, init: RequestInit): Promise<{ status: number; answer: FaultsAnswer }> {
  let response: Response;
  try {
    response = await fetch(`${url}/admin/faults`, { ...init, signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    throw new UsageError(
      `the run's exchange at ${url}`,
      'a running exchange',
      `Is the run still under way? Its exchange did not answer (${(error as Error).cause ?? (error as Error).message}).`,
    );
  }
  return { status: response.status, answer: (await response.json()) as FaultsAnswer };
}

export function register(program: Command): void {
  program
    .command('faults')
    .description('show or change the exchange.* fault switches of a run under way (same syntax as --faults; "" switches them off)')
    .requiredOption('--run <dir>', 'the run folder of a run under way (harness run prints it)')
    .argument('[spec]', 'the switches to put in force, e.g. exchange.latency.eligibility=800ms; omit to show the current ones')
    .action(async (spec: string | undefined, opts: { run: string }) => {
      const admin = readExchangeAdmin(opts.run);
      const { status, answer } =
        spec === undefined
          ? await callAdmin(admin.url, {})
          : await callAdmin(admin.url, {
              method: 'PUT',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
              body: JSON.stringify({ spec }),
            });
      if (status !== 200)
        throw new UsageError(`fault spec "${spec ?? ''}"`, 'switches the exchange accepts', answer.error ?? `the exchange answered ${status}`);
      process.stdout.write(`exchange fault switches: ${answer.spec || 'none'}\n`);
    });
}
