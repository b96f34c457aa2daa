// Process entry of the mock insurer: `node --import tsx mock-exchange/insurer/main.ts --data-dir DIR [--port 0]
// [--faults SPEC] [--edi-dir DIR]` (env INSURER_PORT, INSURER_DATA_DIR, INSURER_FAULTS as fallbacks). Prints one JSON line when ready.

import { parseArgs } from 'node:util';
import { serviceEntry, type ServiceEntry } from '../service/entry.ts';
import { startInsurer } from './server.ts';

// Typed, so that TypeScript knows entry.fail never returns.
const entry: ServiceEntry = serviceEntry('insurer');

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
  entry.fail(`${(error as Error).message}; usage: main.ts --data-dir DIR [--port 0] [--faults SPEC] [--edi-dir DIR]`);
}
const port = entry.port(values.port);
const dataDir = entry.dataDir(values['data-dir']);
const faults = entry.faults(values.faults);

await entry.serve(port, () =>
  startInsurer({
    port,
    host: values.host,
    dataDir,
    faults,
    ...(values['edi-dir'] ? { ediDir: values['edi-dir'] } : {}),
  }),
);
