// Process entry of the mock insurer: `node --import tsx mock-exchange/insurer/main.ts --data-dir DIR [--port 0]
// [--faults SPEC] [--edi-dir DIR]` (env INSURER_PORT, INSURER_DATA_DIR, INSURER_FAULTS as fallbacks). Prints one JSON line when ready.

import { parseArgs } from 'node:util';
import { INSURER_OPTIONS } from '../service/commandLines.ts';
import { serviceEntry, type ServiceEntry } from '../service/entry.ts';
import { startInsurer } from './server.ts';

// Typed, so that TypeScript knows entry.fail never returns.
const entry: ServiceEntry = serviceEntry('insurer');

let values;
try {
  ({ values } = parseArgs({
    options: {
      ...INSURER_OPTIONS,
      port: { type: 'string', default: process.env.INSURER_PORT ?? INSURER_OPTIONS.port.default },
      'data-dir': { type: 'string', default: process.env.INSURER_DATA_DIR },
      faults: { type: 'string', default: process.env.INSURER_FAULTS ?? INSURER_OPTIONS.faults.default },
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
