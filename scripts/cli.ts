// The `harness` CLI: maps subcommands to thin command modules. Exit 0 pass, 1 a target missed, 2 usage or setup error.

import { Command, CommanderError } from 'commander';
import { asTyped, invokedAs } from './invocation.ts';
import { register as registerBench } from './commands/bench.ts';
import { register as registerCapacity } from './commands/capacity.ts';
import { register as registerCollect } from './commands/collect.ts';
import { register as registerCompare } from './commands/compare.ts';
import { register as registerDashboards } from './commands/dashboards.ts';
import { register as registerFaults } from './commands/faults.ts';
import { register as registerGate } from './commands/gate.ts';
import { register as registerGenerate } from './commands/generate.ts';
import { register as registerHit } from './commands/hit.ts';
import { register as registerK8s } from './commands/k8s.ts';
import { register as registerOpenApi } from './commands/openapi.ts';
import { register as registerPlans } from './commands/plans.ts';
import { register as registerReconcile } from './commands/reconcile.ts';
import { register as registerReport } from './commands/report.ts';
import { register as registerRun } from './commands/run.ts';
import { register as registerScan } from './commands/scan.ts';
import { register as registerServe } from './commands/serve.ts';
import { register as registerShard } from './commands/shard.ts';
import { register as registerSetup } from './commands/setup.ts';
import { register as registerSoak } from './commands/soak.ts';
import { register as registerWatch } from './commands/watch.ts';

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const code = (error as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' ? code : 2;
}

export async function main(argv: string[]): Promise<void> {
  const typed = invokedAs({ invokedAs: process.env.HARNESS_INVOKED_AS, npmScript: process.env.npm_lifecycle_event, script: process.argv[1], cwd: process.cwd() });
  const program = new Command('harness')
    .description('Load, capacity and integrity testing harness for health-insurance marketplaces')
    .exitOverride()
    .showHelpAfterError(`(run \`${typed} --help\` for the commands)`);
  for (const register of [registerSetup, registerRun, registerShard, registerCollect, registerHit, registerFaults, registerServe, registerGenerate, registerPlans, registerReconcile, registerScan, registerGate, registerCompare, registerCapacity, registerSoak, registerReport, registerWatch, registerDashboards, registerOpenApi, registerK8s, registerBench]) {
    register(program);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const exitCode = exitCodeOf(error);
    if (!(error instanceof CommanderError)) {
      const known = typeof (error as { exitCode?: unknown }).exitCode === 'number';
      process.stderr.write(known ? `harness: ${asTyped((error as Error).message, typed)}\n` : `harness: internal error: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = exitCode;
  }
}
