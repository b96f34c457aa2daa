// The mock insurer and exchange for a benchmark: started as the harness starts them, data and logs in `dir`.

import { join } from 'node:path';
import { EXCHANGE_MAIN, exchangeArgs, INSURER_MAIN, insurerArgs } from '../mock-exchange/service/commandLines.ts';
import type { ProcessGroup } from '../scripts/run/processes.ts';
import { startService, type RunningService } from '../scripts/run/services.ts';

/** `exchangeWorkers`: HTTP worker processes of the exchange (node:cluster); 1 by default. */
export async function startMockServices(group: ProcessGroup, dir: string, exchangeWorkers = 1): Promise<{ insurer: RunningService; exchange: RunningService }> {
  const insurer = await startService(group, {
    name: 'insurer',
    main: INSURER_MAIN,
    args: insurerArgs({ port: 0, 'data-dir': join(dir, 'insurer') }),
    logFile: join(dir, 'insurer.log'),
  });
  const exchange = await startService(group, {
    name: 'exchange',
    main: EXCHANGE_MAIN,
    args: exchangeArgs({ port: 0, 'data-dir': join(dir, `exchange-${exchangeWorkers}`), 'insurer-url': insurer.baseUrl, workers: exchangeWorkers }),
    logFile: join(dir, 'exchange.log'),
  });
  return { insurer, exchange };
}
