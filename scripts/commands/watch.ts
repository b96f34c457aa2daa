// `harness watch --run DIR [--port P]`: the live page of a run folder, finished or under way (`harness run --watch`'s
// page and server, tailing the folder's files), on 127.0.0.1 until Ctrl-C.

import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Executor } from '../../engine/plan.ts';
import { recordedExecutor } from '../../report/scenarioPlan.ts';
import { readOptionalRunJson, requireRunFolder } from '../analysis/runInputs.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import { parseWatchAddress } from '../watch/watchAddress.ts';
import { startWatchServer } from '../watch/watchServer.ts';

/** A run id as `harness run` makes them (scripts/run/runFolder.ts): date-time-profile-suffix. */
const RUN_ID = /^\d{8}-\d{6}-(.+)-[0-9a-f]+$/;

export function register(program: Command): void {
  program
    .command('watch')
    .description(
      "serve the live page of a run folder, finished or under way (the report's charts, updated every second, then the verdict), on 127.0.0.1 until Ctrl-C",
    )
    .requiredOption('--run <dir>', 'the run folder (harness run prints it)')
    .option('--port <port>', 'the port on 127.0.0.1 (0: a free one)', '0')
    .option('--targets <file>', "the targets file (the capacity headline's targets)", DEFAULT_TARGETS_FILE)
    .action(async (opts: { run: string; port: string; targets: string }) => {
      const runDir = resolve(requireRunFolder(opts.run));
      const address = parseWatchAddress('--port', opts.port);
      const targets = loadTargets(opts.targets);
      // run.json is written when the run ends: before that the folder's name says what it is, and no plan is drawn.
      const run = readOptionalRunJson<Record<string, unknown>>(runDir, 'run', "the run's parameters written by `harness run`");
      const runId = typeof run?.runId === 'string' ? run.runId : basename(runDir);
      const profile = typeof run?.profile === 'string' ? run.profile : (RUN_ID.exec(runId)?.[1] ?? 'unknown profile');
      const executor: Executor | undefined = run ? recordedExecutor(run) : undefined;
      const server = await startWatchServer({ runDir, runId, profile, targets, address, executor, finishWhenJudged: true });
      process.stdout.write(`watch: ${server.url} (live page of ${runId}; Ctrl-C to stop)\n`);
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await server.finish();
    });
}
