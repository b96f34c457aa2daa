// Process entry of the mock insurer: `node --import tsx mock-exchange/insurer/main.ts --data-dir DIR [--port 0]
// [--faults SPEC] [--edi-dir DIR]` (env INSURER_PORT, INSURER_DATA_DIR, INSURER_FAULTS as fallbacks). Prints one JSON line when ready.

import { parseArgs } from 'node:util';
import { announce, describeListenError, stopOnSignals } from '../service/listen.ts';
import { parseFaultSpec, type FaultSet } from '../faults/index.ts';
import { startInsurer } from './server.ts';

function fail(message: string): never {
  process.stderr.write(`insurer: ${message}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.INSURER_PORT ?? '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.INSURER_DATA_DIR },
      faults: { type: 'string', default: process.env.INSURER_FAULTS ?? '' },
      'edi-dir': { type: 'string' },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}; usage: main.ts --data-dir DIR [--port 0] [--faults SPEC] [--edi-dir DIR]`);
}
const port = Number(values.port);
if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port ${values.port}: expected a port number 0-65535 (0 picks a free one)`);
if (!values['data-dir']) fail('--data-dir: expected a folder for the insurer database; give one, e.g. --data-dir results/dev/insurer');
let faults: FaultSet;
try {
  faults = parseFaultSpec(values.faults);
} catch (error) {
  fail(`--faults: ${(error as Error).message}`);
}

try {
  const insurer = await startInsurer({
    port,
    host: values.host,
    dataDir: values['data-dir'],
    faults,
    ...(values['edi-dir'] ? { ediDir: values['edi-dir'] } : {}),
  });
  stopOnSignals(insurer.stop);
  announce('insurer', insurer.port);
} catch (error) {
  fail(describeListenError(error, port));
}
