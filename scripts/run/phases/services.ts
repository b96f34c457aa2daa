// Phase "start services": the mock insurer and exchange on loopback (or none, for an exchange at --base-url) and the
// run's metrics (its own Prometheus, a remote one, or none).

import { join } from 'node:path';
import { ADMIN_TOKEN_ENV } from '../../../mock-exchange/exchange/adminRoutes.ts';
import { EXCHANGE_MAIN, exchangeArgs, INSURER_MAIN, insurerArgs } from '../../../mock-exchange/service/commandLines.ts';
import { runFile } from '../../../vocabulary/runFiles.ts';
import { writeExchangeAdmin } from '../exchangeAdmin.ts';
import { narration } from '../narration.ts';
import { startRunMetrics, type RunMetrics } from '../runMetrics.ts';
import { startService, type RunningService } from '../services.ts';
import type { RunContext } from './context.ts';

export interface RunServices {
  /** The mock services, when the harness started them (not with --base-url). */
  mock?: { exchange: RunningService; insurer: RunningService };
  /** Where the load goes: the mock exchange, or --base-url. */
  exchangeUrl: string;
  metrics: RunMetrics;
}

async function startMockServices(ctx: RunContext): Promise<{ exchange: RunningService; insurer: RunningService }> {
  const { options, runDir, group, childEnv, plan, say } = ctx;
  const insurer = await startService(group, {
    name: 'insurer',
    main: INSURER_MAIN,
    args: insurerArgs({ port: 0, 'data-dir': join(runDir, 'insurer'), faults: options.faults, 'edi-dir': runFile(runDir, 'insurerEdi') }),
    logFile: runFile(runDir, 'insurerLog'),
    env: childEnv,
  });
  say(narration.insurer(insurer.baseUrl));
  const exchange = await startService(group, {
    name: 'exchange',
    main: EXCHANGE_MAIN,
    args: exchangeArgs({
      port: 0,
      'data-dir': join(runDir, 'exchange'),
      'insurer-url': insurer.baseUrl,
      faults: options.faults,
      'waiting-room-capacity': options.waitingRoomCapacity ?? 0,
      workers: options.exchangeWorkers ?? 1,
      'rate-limit': plan.exchange?.rateLimitPerMinute ?? 0,
      'password-cost': options.passwordCost,
    }),
    logFile: runFile(runDir, 'exchangeLog'),
    env: { ...childEnv, [ADMIN_TOKEN_ENV]: ctx.adminToken },
  });
  writeExchangeAdmin(runDir, { url: exchange.baseUrl, token: ctx.adminToken });
  say(narration.exchange(exchange.baseUrl));
  return { exchange, insurer };
}

export async function startRunServices(ctx: RunContext): Promise<RunServices> {
  const { options, runDir, group, runId, say } = ctx;
  let mock: RunServices['mock'];
  if (options.baseUrl !== undefined) {
    say(narration.externalInsurer());
    say(narration.externalExchange(options.baseUrl));
  } else {
    mock = await startMockServices(ctx);
  }
  const metrics = await startRunMetrics(group, {
    mode: options.prometheus ?? 'auto',
    dataDir: options.prometheusDataDir,
    runDir,
    testid: runId,
    // An exchange the harness did not start is not scraped: its /metrics, if any, is not the mock's.
    services: mock ? { exchange: [`127.0.0.1:${mock.exchange.port}`], insurer: [`127.0.0.1:${mock.insurer.port}`] } : { exchange: [], insurer: [] },
    targets: options.targets,
    logFile: runFile(runDir, 'prometheusLog'),
  });
  say(narration.metrics(metrics.description));
  return { ...(mock ? { mock } : {}), exchangeUrl: mock?.exchange.baseUrl ?? options.baseUrl!, metrics };
}
