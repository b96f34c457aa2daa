// Process entry of the mock exchange: `node --import tsx mock-exchange/exchange/main.ts --data-dir DIR --insurer-url URL [--port 0] [--workers N]`
// (env EXCHANGE_FAULTS as the fallback of --faults, EXCHANGE_ADMIN_TOKEN for changing exchange.* switches during a run).

import { parseArgs } from 'node:util';
import { announce, describeListenError, stopOnSignals } from '../service/listen.ts';
import { parseFaultSpec, type FaultSet } from '../faults/index.ts';
import { adminTokenFromEnv } from './adminRoutes.ts';
import { startExchange } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`exchange: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    'insurer-url': { type: 'string' },
    'waiting-room-capacity': { type: 'string', default: '0' },
    faults: { type: 'string', default: process.env.EXCHANGE_FAULTS ?? '' },
    'rate-limit': { type: 'string', default: '0' },
    workers: { type: 'string', default: '1' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${values.port}: expected a port number 0-65535 (0 picks a free one)`);
const waitingRoomCapacity = Number(values['waiting-room-capacity']);
if (!Number.isInteger(waitingRoomCapacity) || waitingRoomCapacity < 0) {
  fail(`--waiting-room-capacity ${values['waiting-room-capacity']}: expected a whole number of sessions (0 = no waiting room)`);
}
const rateLimitPerMinute = Number(values['rate-limit']);
if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
  fail(`--rate-limit ${values['rate-limit']}: expected a whole number of requests a minute per client (0 = no limit)`);
}
const workers = Number(values.workers);
if (!Number.isInteger(workers) || workers < 1 || workers > 64)
  fail(`--workers ${values.workers}: expected a whole number of HTTP worker processes, 1-64 (1 = one process)`);
if (!values['data-dir']) fail('--data-dir: expected a folder for the exchange database; give one, e.g. --data-dir results/dev/exchange');
if (!values['insurer-url']) fail('--insurer-url: expected the base URL of the insurer service, e.g. http://127.0.0.1:8081');

let faults: FaultSet;
try {
  faults = parseFaultSpec(values.faults);
} catch (error) {
  fail(`--faults: ${(error as Error).message}`);
}

try {
  // The admin token comes from the environment, not a flag, so it never shows in a process listing.
  const adminToken = adminTokenFromEnv();
  const exchange = await startExchange({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    insurerUrl: values['insurer-url'],
    waitingRoomCapacity,
    faults,
    rateLimitPerMinute,
    adminToken,
    workers,
  });
  stopOnSignals(exchange.stop);
  announce('exchange', exchange.port);
} catch (error) {
  fail(describeListenError(error, port));
}
