// The `harness` CLI: maps subcommands to thin command modules. Exit 0 pass, 1 a target missed, 2 usage or setup error.

import { Command, CommanderError } from 'commander';
import { asTyped, invokedAs } from './invocation.ts';

/**
 * Each command's module, by the command's name, in the order `--help` lists them. Only the module of the command
 * invoked is loaded (a run does not load the dashboards, a gate does not load Faker): the CLI starts in a fraction
 * of the time. `--help`, `help` and an unknown name load them all.
 */
export const COMMAND_MODULES: Record<string, () => Promise<{ register: (program: Command) => void }>> = {
  setup: () => import('./commands/setup.ts'),
  run: () => import('./commands/run.ts'),
  shard: () => import('./commands/shard.ts'),
  collect: () => import('./commands/collect.ts'),
  hit: () => import('./commands/hit.ts'),
  faults: () => import('./commands/faults.ts'),
  serve: () => import('./commands/serve.ts'),
  generate: () => import('./commands/generate.ts'),
  plans: () => import('./commands/plans.ts'),
  reconcile: () => import('./commands/reconcile.ts'),
  scan: () => import('./commands/scan.ts'),
  gate: () => import('./commands/gate.ts'),
  compare: () => import('./commands/compare.ts'),
  capacity: () => import('./commands/capacity.ts'),
  soak: () => import('./commands/soak.ts'),
  report: () => import('./commands/report.ts'),
  watch: () => import('./commands/watch.ts'),
  dashboards: () => import('./commands/dashboards.ts'),
  openapi: () => import('./commands/openapi.ts'),
  k8s: () => import('./commands/k8s.ts'),
  bench: () => import('./commands/bench.ts'),
};

/** The modules to register for these arguments: the named command's alone when the first word names one. */
export function commandsFor(argv: readonly string[]): string[] {
  const first = argv.find((arg) => !arg.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMAND_MODULES, first) ? [first] : Object.keys(COMMAND_MODULES);
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  const code = (error as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' ? code : 2;
}

export async function main(argv: string[]): Promise<void> {
  const typed = invokedAs({
    invokedAs: process.env.HARNESS_INVOKED_AS,
    npmScript: process.env.npm_lifecycle_event,
    script: process.argv[1],
    cwd: process.cwd(),
  });
  const program = new Command('harness')
    .description('Load, capacity and integrity testing harness for health-insurance marketplaces')
    .exitOverride()
    .showHelpAfterError(`(run \`${typed} --help\` for the commands)`);
  for (const name of commandsFor(argv)) (await COMMAND_MODULES[name]!()).register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    const exitCode = exitCodeOf(error);
    if (!(error instanceof CommanderError)) {
      const known = typeof (error as { exitCode?: unknown }).exitCode === 'number';
      process.stderr.write(
        known ? `harness: ${asTyped((error as Error).message, typed)}\n` : `harness: internal error: ${(error as Error).stack ?? String(error)}\n`,
      );
    }
    process.exitCode = exitCode;
  }
}
