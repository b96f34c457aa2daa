// `harness serve exchange|insurer`: runs one mock service in the foreground, for manual runs or a load tool of your own.

import { join } from 'node:path';
import type { Command } from 'commander';
import { announce, describeListenError, stopOnSignals } from '../../mock-exchange/service/listen.ts';
import { parseFaultSpec } from '../../mock-exchange/faults/index.ts';
import { DEFAULT_SCRYPT_COST } from '../../mock-exchange/exchange/passwords.ts';
import { DEFAULT_RESULTS_DIR } from '../run/runFolder.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption, parsePasswordCost } from './options.ts';

interface ServeOptions {
  port: string;
  dataDir?: string;
  insurerUrl?: string;
  faults?: string;
  workers?: string;
  waitingRoom?: string;
  rateLimit?: string;
  passwordCost?: string;
  ediDir?: string;
}

/** The options that configure one service only, as typed on the command line. */
const ONLY_FOR: Record<'exchange' | 'insurer', Partial<Record<keyof ServeOptions, string>>> = {
  exchange: {
    insurerUrl: '--insurer-url',
    workers: '--workers',
    waitingRoom: '--waiting-room',
    rateLimit: '--rate-limit',
    passwordCost: '--password-cost',
  },
  insurer: { ediDir: '--edi-dir' },
};

/** An option of the other service is refused rather than ignored: the service would run without what was asked. */
function refuseOthersOptions(service: 'exchange' | 'insurer', opts: ServeOptions): void {
  const other = service === 'exchange' ? 'insurer' : 'exchange';
  const given = Object.entries(ONLY_FOR[other])
    .filter(([key]) => opts[key as keyof ServeOptions] !== undefined)
    .map(([, flag]) => flag);
  if (given.length > 0)
    throw new UsageError(given.join(', '), `no ${other}-only option for the ${service}`, `Drop them, or run \`harness serve ${other}\` with them.`);
}

async function start(service: 'exchange' | 'insurer', opts: ServeOptions, port: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dataDir = opts.dataDir ?? join(DEFAULT_RESULTS_DIR, `serve-${service}`);
  const faults = parseFaultSpec(opts.faults ?? '');
  if (service === 'exchange') {
    if (!opts.insurerUrl)
      throw new UsageError(
        '--insurer-url',
        'the base URL of a running insurer',
        'Start one with `harness serve insurer --port 8081`, then pass --insurer-url http://127.0.0.1:8081.',
      );
    const workers = parseNumberOption('--workers', opts.workers ?? '1', { integer: true, min: 1, max: 64 });
    const waitingRoomCapacity = parseNumberOption('--waiting-room', opts.waitingRoom ?? '0', { integer: true, min: 0 });
    const rateLimitPerMinute = parseNumberOption('--rate-limit', opts.rateLimit ?? '0', { integer: true, min: 0 });
    const passwordCost = parsePasswordCost(opts.passwordCost ?? String(DEFAULT_SCRYPT_COST));
    const { startExchange } = await import('../../mock-exchange/exchange/server.ts');
    const { adminTokenFromEnv } = await import('../../mock-exchange/exchange/adminRoutes.ts');
    return startExchange({
      port,
      dataDir,
      insurerUrl: opts.insurerUrl,
      faults,
      workers,
      waitingRoomCapacity,
      rateLimitPerMinute,
      passwordCost,
      adminToken: adminTokenFromEnv(),
    });
  }
  const { startInsurer } = await import('../../mock-exchange/insurer/server.ts');
  return startInsurer({ port, host: '127.0.0.1', dataDir, faults, ...(opts.ediDir ? { ediDir: opts.ediDir } : {}) });
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the mock exchange or the mock insurer on loopback until Ctrl-C')
    .argument('<service>', 'exchange or insurer')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)', '0')
    .option('--data-dir <dir>', 'folder for the service database (default results/serve-<service>)')
    .option('--insurer-url <url>', 'exchange only: base URL of the insurer that receives 834s')
    .option('--faults <spec>', 'fault switches, e.g. insurer.error=0.1 (see docs/faults.md)')
    .option('--edi-dir <dir>', 'insurer only: also keep every 834 interchange taken in as a file here (for `harness reconcile --ledger --edi DIR`)')
    .option('--workers <n>', 'exchange only: HTTP worker processes sharing the port, one waiting room and one dispatcher (default 1)')
    .option('--waiting-room <sessions>', 'exchange only: the waiting-room capacity in active sessions (default 0: no waiting room)')
    .option('--rate-limit <n>', 'exchange only: requests a minute per client (default 0: no limit)')
    .option('--password-cost <n>', `exchange only: scrypt's N for account passwords, a power of two (default ${DEFAULT_SCRYPT_COST}; production guidance 2^17)`)
    .action(async (service: string, opts: ServeOptions) => {
      if (service !== 'exchange' && service !== 'insurer')
        throw new UsageError(`service "${service}"`, 'exchange or insurer', 'Run `harness serve exchange` or `harness serve insurer`.');
      refuseOthersOptions(service, opts);
      const port = parseNumberOption('--port', opts.port, { integer: true, min: 0, max: 65535 });
      let running: { port: number; stop(): Promise<void> };
      try {
        running = await start(service, opts, port);
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`${service} on port ${port}`, 'a port it can listen on', describeListenError(error, port));
      }
      stopOnSignals(running.stop);
      announce(service, running.port);
      await new Promise<never>(() => {});
    });
}
