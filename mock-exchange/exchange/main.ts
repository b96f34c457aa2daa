// Process entry of the mock exchange: `node --import tsx mock-exchange/exchange/main.ts --data-dir DIR --insurer-url URL [--port 0] [--workers N] [--password-cost N]`
// (env EXCHANGE_FAULTS as the fallback of --faults, EXCHANGE_ADMIN_TOKEN for changing exchange.* switches during a run).

import { parseArgs } from 'node:util';
import { EXCHANGE_OPTIONS } from '../service/commandLines.ts';
import { serviceEntry, type ServiceEntry } from '../service/entry.ts';
import { adminTokenFromEnv } from './adminRoutes.ts';
import { DEFAULT_SCRYPT_COST, isScryptCost, MAX_SCRYPT_COST } from './passwords.ts';
import { startExchange } from './server.ts';

// Typed, so that TypeScript knows entry.fail never returns.
const entry: ServiceEntry = serviceEntry('exchange');

const { values } = parseArgs({
  options: { ...EXCHANGE_OPTIONS, faults: { type: 'string', default: process.env.EXCHANGE_FAULTS ?? '' } },
});
const port = entry.port(values.port);
const waitingRoomCapacity = entry.wholeNumber(
  '--waiting-room-capacity',
  values['waiting-room-capacity'],
  0,
  Number.MAX_SAFE_INTEGER,
  'a whole number of sessions (0 = no waiting room)',
);
const rateLimitPerMinute = entry.wholeNumber(
  '--rate-limit',
  values['rate-limit'],
  0,
  Number.MAX_SAFE_INTEGER,
  'a whole number of requests a minute per client (0 = no limit)',
);
const workers = entry.wholeNumber('--workers', values.workers, 1, 64, 'a whole number of HTTP worker processes, 1-64 (1 = one process)');
const passwordCost = Number(values['password-cost']);
if (!isScryptCost(passwordCost))
  entry.fail(`--password-cost ${values['password-cost']}: expected scrypt's N, a power of two from 2 to ${MAX_SCRYPT_COST} (default ${DEFAULT_SCRYPT_COST})`);
const dataDir = entry.dataDir(values['data-dir']);
const insurerUrl = values['insurer-url'] || entry.fail('--insurer-url: expected the base URL of the insurer service, e.g. http://127.0.0.1:8081');
const faults = entry.faults(values.faults);

await entry.serve(port, () =>
  startExchange({
    port,
    host: values.host,
    dataDir,
    insurerUrl,
    waitingRoomCapacity,
    faults,
    rateLimitPerMinute,
    // The admin token comes from the environment, not a flag, so it never shows in a process listing.
    adminToken: adminTokenFromEnv(),
    workers,
    passwordCost,
  }),
);
