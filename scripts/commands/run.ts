// `harness run <profile>`: one end-to-end run with a verdict. Exit 0 when every target holds, 1 when one is missed.

import { availableParallelism, freemem } from 'node:os';
import type { Command } from 'commander';
import { DEFAULT_SCRYPT_COST } from '../../mock-exchange/exchange/passwords.ts';
import { parseFaultSpec } from '../../mock-exchange/faults/index.ts';
import { preflight } from '../run/preflight.ts';
import { PROFILES, profileNamed } from '../run/profiles/index.ts';
import { DEFAULT_RESULTS_DIR } from '../run/runFolder.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseWatchAddress } from '../watch/watchAddress.ts';
import type { WatchServer } from '../watch/watchServer.ts';
import { parseNumberOption, parsePasswordCost } from './options.ts';
import { testShapeOf, testShapeOptions, type TestShapeFlags } from './testShape.ts';
import { ensureWritableFolder } from '../outputFolder.ts';
import { loadTargetUrl } from './targetUrl.ts';
import { checkJourneyModule } from '../run/ownJourneys.ts';
import { checkNemesisOptions } from '../run/nemesis/options.ts';

/** Local shards share this machine's cores and memory: beyond a few dozen, use `harness k8s`. */
const MAX_SHARDS = 32;

/** Options that configure the mock exchange or insurer mean nothing for an exchange the harness did not start. */
function refuseMockOnlyOptions(opts: { faults: string; waitingRoom: string; exchangeWorkers: string; passwordCost?: string }): void {
  const given = [
    ...(opts.faults !== '' ? [`--faults ${opts.faults}`] : []),
    ...(opts.waitingRoom !== '0' ? [`--waiting-room ${opts.waitingRoom}`] : []),
    ...(opts.exchangeWorkers !== '1' ? [`--exchange-workers ${opts.exchangeWorkers}`] : []),
    ...(opts.passwordCost !== undefined ? [`--password-cost ${opts.passwordCost}`] : []),
  ];
  if (given.length > 0)
    throw new UsageError(
      given.join(', '),
      'no option of the mock services with --base-url',
      'They configure the mock exchange and insurer, which --base-url does not start: drop them, or drop --base-url.',
    );
}

export function register(program: Command): void {
  const command = program
    .command('run')
    .description(
      'run a load profile end to end against the mock exchange and insurer (or an exchange already running, --base-url), reconcile, and give a verdict',
    )
    .argument('<profile>', `one of: ${Object.keys(PROFILES).join(', ')}`);
  testShapeOptions(command)
    .option('--results <dir>', 'folder that receives the run folder', DEFAULT_RESULTS_DIR)
    .option('--prometheus-data <dir>', "the run's own Prometheus keeps its data here instead of in the run folder (runs stay apart by testid)")
    .option(
      '--prometheus <where>',
      "metrics: auto (the run's own Prometheus when installed), own (required), off, or an existing Prometheus's URL for the load's metrics to be pushed to",
      'auto',
    )
    .option('--waiting-room <sessions>', "the exchange's waiting-room capacity in active sessions (0: no waiting room)", '0')
    .option('--exchange-workers <n>', 'HTTP worker processes of the mock exchange (node:cluster; one waiting room and one dispatcher)', '1')
    .option(
      '--password-cost <n>',
      `scrypt's N for the mock exchange's account passwords, a power of two (default ${DEFAULT_SCRYPT_COST}; production guidance 2^17): every account and login pays it`,
    )
    .option('--workers <n>', "the load engine's worker threads (default: the machine's cores)")
    .option(
      '--shards <n>',
      'shard processes the test is split into on this machine (segments of the plan and the applicants, started together), judged on the aggregate',
      '1',
    )
    .option('--force', 'run even when the preflight finds the plan more than this machine holds (users a core, free memory)')
    .option('--faults <spec>', 'fault switches, e.g. backend.drop=0.05,insurer.error=0.1 (see docs/faults.md)', '')
    .option(
      '--nemesis <spec>',
      'process faults during the load, e.g. kill-exchange@10s,pause-insurer@15s:3s,kill-insurer/every=20s (see docs/faults.md#nemesis)',
    )
    .option('--allow-idle-faults', 'a fault switch that affected nothing is reported but does not fail the run')
    .option(
      '--base-url <url>',
      'an exchange already running at this URL instead of the mock exchange and insurer: integrity is then not checked in the run (check it with `harness reconcile --ledger RUN/ledger.ndjson --edi DIR`); loopback only unless --allow-remote',
    )
    .option('--allow-remote', 'allow a --base-url outside loopback: only an exchange you are permitted to load')
    .option(
      '--journeys <file>',
      "your own journey module (TypeScript on the engine's runtime API, docs/journeys.md) instead of the profile's consumers; the profile still gives the load",
    )
    .option(
      '--watch [port]',
      "serve a live page of the run on 127.0.0.1 (the report's charts, updated every second, then the verdict); bare or 0: a free port; the URL is printed at the start",
    )
    .action(
      async (
        profileName: string,
        opts: TestShapeFlags & {
          results: string;
          faults: string;
          prometheus: string;
          prometheusData?: string;
          allowIdleFaults?: boolean;
          nemesis?: string;
          waitingRoom: string;
          exchangeWorkers: string;
          passwordCost?: string;
          shards: string;
          workers?: string;
          force?: boolean;
          baseUrl?: string;
          allowRemote?: boolean;
          journeys?: string;
          watch?: string | true;
        },
      ) => {
        // The run's machinery is loaded only when a run starts: `harness --help` and the other commands stay quick.
        const [{ runProfile }, { parsePrometheusMode }, { startWatchServer }] = await Promise.all([
          import('../run/pipeline.ts'),
          import('../run/runMetrics.ts'),
          import('../watch/watchServer.ts'),
        ]);
        // The target first: a URL off loopback is refused before anything is generated, started or sent.
        const baseUrl =
          opts.baseUrl === undefined
            ? undefined
            : loadTargetUrl(`--base-url ${opts.baseUrl}`, opts.baseUrl, opts.allowRemote, 'http://127.0.0.1:8080').href.replace(/\/+$/, '');
        if (opts.allowRemote && baseUrl === undefined)
          throw new UsageError(
            '--allow-remote',
            'only with --base-url',
            'The mock exchange always runs on loopback; drop --allow-remote, or give --base-url URL.',
          );
        if (baseUrl !== undefined) refuseMockOnlyOptions(opts);
        const profile = profileNamed(profileName);
        const { targets, targetsFile, seed, scale, planYear, durationSeconds } = testShapeOf(opts);
        const prometheus = parsePrometheusMode(opts.prometheus);
        const waitingRoomCapacity = parseNumberOption('--waiting-room', opts.waitingRoom, { integer: true, min: 0 });
        const exchangeWorkers = parseNumberOption('--exchange-workers', opts.exchangeWorkers, { integer: true, min: 1, max: 64 });
        const passwordCost = opts.passwordCost === undefined ? undefined : parsePasswordCost(opts.passwordCost);
        const shards = parseNumberOption('--shards', opts.shards, { integer: true, min: 1, max: MAX_SHARDS });
        const workers = opts.workers === undefined ? undefined : parseNumberOption('--workers', opts.workers, { integer: true, min: 1, max: 64 });
        const faults = parseFaultSpec(opts.faults).toString(); // a bad spec stops here, before anything starts
        const nemesis = opts.nemesis === undefined ? undefined : checkNemesisOptions(opts.nemesis, { baseUrl: opts.baseUrl, shards, faults });
        if (opts.journeys !== undefined && shards > 1)
          throw new UsageError(
            `--shards ${opts.shards} with --journeys`,
            'one shard (the default)',
            "Shard processes run the profile's own consumers; run your journeys without --shards.",
          );
        if (baseUrl !== undefined && shards > 1 && opts.allowRemote)
          throw new UsageError(
            `--shards ${opts.shards} with a remote --base-url`,
            'one shard on this machine',
            'Split a test against a remote exchange over machines with harness k8s --shards N.',
          );
        const journeysFile = opts.journeys === undefined ? undefined : await checkJourneyModule(opts.journeys);
        const watch = opts.watch === undefined ? undefined : parseWatchAddress('--watch', opts.watch);
        if (watch && shards > 1)
          throw new UsageError(
            `--watch with --shards ${shards}`,
            'one of them',
            "The live page follows one engine's rows; the shards' rows are merged only when they end. Drop --watch, or run with --shards 1.",
          );
        const plan = profile.plan({ targets, scale, durationSeconds });
        const check = preflight({ maxUsers: plan.maxUsers, applicants: plan.applicants, cores: availableParallelism(), freeMemoryBytes: freemem() });
        if (check.problems.length > 0) {
          const what = `profile ${profile.name} at --scale ${scale}${opts.duration ? ` --duration ${opts.duration}` : ''}`;
          if (!opts.force)
            throw new UsageError(
              what,
              'a plan this machine can hold',
              `It plans ${check.problems.join('; and ')}. Lower --scale, split it over machines (harness k8s --shards N), or give --force to run it anyway.`,
            );
          process.stderr.write(`harness: --force: running ${what} although it plans ${check.problems.join('; and ')}\n`);
        }
        let server: WatchServer | undefined;
        const onRunFolder = async ({ runDir, runId }: { runDir: string; runId: string }): Promise<void> => {
          server = await startWatchServer({
            runDir,
            runId,
            profile: profile.name,
            targets,
            address: watch!,
            executor: plan.loadPlan.executor,
            finishWhenJudged: false,
            readExchange: true,
          });
          process.stdout.write(`  watch: ${server.url} (live page; it shows the verdict when the run ends)\n`);
        };
        try {
          const { verdict, interrupted } = await runProfile({
            profile,
            targets,
            targetsFile,
            resultsDir: opts.results,
            seed,
            scale,
            durationSeconds,
            planYear,
            faults,
            allowIdleFaults: opts.allowIdleFaults ?? false,
            ...(nemesis ? { nemesis } : {}),
            prometheus,
            prometheusDataDir: opts.prometheusData === undefined ? undefined : ensureWritableFolder(opts.prometheusData, '--prometheus-data'),
            waitingRoomCapacity,
            shards,
            exchangeWorkers,
            ...(passwordCost === undefined ? {} : { passwordCost }),
            workers,
            baseUrl,
            journeysFile,
            ...(watch ? { onRunFolder } : {}),
          });
          process.exitCode = interrupted ? 130 : verdict.pass ? 0 : 1;
        } finally {
          await server?.finish();
        }
      },
    );
}
