// `harness serve exchange|insurer`: runs one mock service in the foreground, for manual runs or a load tool of your own.

import { join } from 'node:path';
import type { Command } from 'commander';
import { announce, describeListenError, stopOnSignals } from '../../mock-exchange/service/listen.ts';
import { parseFaultSpec } from '../../mock-exchange/faults/index.ts';
import { DEFAULT_RESULTS_DIR } from '../run/runFolder.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption } from './options.ts';

interface ServeOptions {
  port: string;
  dataDir?: string;
  insurerUrl?: string;
  faults?: string;
  workers: string;
  ediDir?: string;
}

async function start(service: string, opts: ServeOptions, port: number): Promise<{ port: number; stop(): Promise<void> }> {
  const dataDir = opts.dataDir ?? join(DEFAULT_RESULTS_DIR, `serve-${service}`);
  const faults = parseFaultSpec(opts.faults ?? '');
  if (service === 'exchange') {
    if (!opts.insurerUrl)
      throw new UsageError(
        '--insurer-url',
        'the base URL of a running insurer',
        'Start one with `harness serve insurer --port 8081`, then pass --insurer-url http://127.0.0.1:8081.',
      );
    const { startExchange } = await import('../../mock-exchange/exchange/server.ts');
    const { adminTokenFromEnv } = await import('../../mock-exchange/exchange/adminRoutes.ts');
    const workers = parseNumberOption('--workers', opts.workers, { integer: true, min: 1, max: 64 });
    return startExchange({ port, dataDir, insurerUrl: opts.insurerUrl, faults, workers, adminToken: adminTokenFromEnv() });
  }
  if (service === 'insurer') {
    const { startInsurer } = await import('../../mock-exchange/insurer/server.ts');
    return startInsurer({ port, host: '127.0.0.1', dataDir, faults, ...(opts.ediDir ? { ediDir: opts.ediDir } : {}) });
  }
  throw new UsageError(`service "${service}"`, 'exchange or insurer', 'Run `harness serve exchange` or `harness serve insurer`.');
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
    .option('--workers <n>', 'exchange only: HTTP worker processes sharing the port, one waiting room and one dispatcher', '1')
    .action(async (service: string, opts: ServeOptions) => {
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
