// What both services' process entries (exchange/main.ts, insurer/main.ts) share: their options checked the same way
// (a wrong one ends the process with exit 2 and a message naming it), the fault spec parsed once for the process,
// and the service started, announced (the line the harness waits for) and stopped on SIGTERM or SIGINT.

import { parseFaultSpec, type FaultSet } from '../faults/index.ts';
import { announce, describeListenError, stopOnSignals } from './listen.ts';

export type ServiceName = 'exchange' | 'insurer';

export interface ServiceEntry {
  /** Ends the process with exit 2, the message prefixed with the service's name. */
  fail(message: string): never;
  /** A whole number from `min` to `max`; `expected` says what it counts, for the message. */
  wholeNumber(flag: string, text: string, min: number, max: number, expected: string): number;
  /** --port: 0 to 65535, 0 picks a free one. */
  port(text: string): number;
  /** --data-dir: the folder of the service's database, required. */
  dataDir(text: string | undefined): string;
  /** --faults, parsed once for the process. */
  faults(spec: string): FaultSet;
  /** Starts the service, announces its port and stops it on a signal; a listen error is exit 2 saying what to do. */
  serve(port: number, start: () => Promise<{ port: number; stop(): Promise<void> }>): Promise<void>;
}

export function serviceEntry(service: ServiceName): ServiceEntry {
  const fail = (message: string): never => {
    process.stderr.write(`${service}: ${message}\n`);
    process.exit(2);
  };
  const wholeNumber = (flag: string, text: string, min: number, max: number, expected: string): number => {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) fail(`${flag} ${text}: expected ${expected}`);
    return n;
  };
  return {
    fail,
    wholeNumber,
    port: (text) => wholeNumber('--port', text, 0, 65535, 'a port number 0-65535 (0 picks a free one)'),
    dataDir: (text) => text || fail(`--data-dir: expected a folder for the ${service} database; give one, e.g. --data-dir results/dev/${service}`),
    faults: (spec) => {
      try {
        return parseFaultSpec(spec);
      } catch (error) {
        return fail(`--faults: ${(error as Error).message}`);
      }
    },
    serve: async (port, start) => {
      try {
        const running = await start();
        stopOnSignals(running.stop);
        announce(service, running.port);
      } catch (error) {
        fail(describeListenError(error, port));
      }
    },
  };
}
