// The mock services' command lines, one source of truth for them: each process entry (exchange/main.ts,
// insurer/main.ts) parses its flags with the options here, and whoever starts a service (the run, the benches, the
// tests) builds its arguments with the functions here, so a flag renamed on one side is a type error on the other.

import type { ParseArgsConfig } from 'node:util';
import { DEFAULT_SCRYPT_COST } from '../exchange/passwords.ts';

/** The entries, relative to the project's root (where the services are started from). */
export const EXCHANGE_MAIN = 'mock-exchange/exchange/main.ts';
export const INSURER_MAIN = 'mock-exchange/insurer/main.ts';

/** The exchange's flags with their defaults (every value a string, checked by the entry). */
export const EXCHANGE_OPTIONS = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string' },
  'insurer-url': { type: 'string' },
  'waiting-room-capacity': { type: 'string', default: '0' },
  faults: { type: 'string', default: '' },
  'rate-limit': { type: 'string', default: '0' },
  workers: { type: 'string', default: '1' },
  'password-cost': { type: 'string', default: String(DEFAULT_SCRYPT_COST) },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The insurer's flags with their defaults. */
export const INSURER_OPTIONS = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string' },
  faults: { type: 'string', default: '' },
  'edi-dir': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Some of a service's flags, each with its value; an undefined value leaves the flag out (the entry's default holds). */
export type FlagValues<Options> = { [Flag in keyof Options]?: string | number | undefined };

function argsOf(values: Record<string, string | number | undefined>): string[] {
  return Object.entries(values).flatMap(([flag, value]) => (value === undefined ? [] : [`--${flag}`, String(value)]));
}

/** The exchange's arguments, e.g. `exchangeArgs({ port: 0, 'data-dir': dir, 'insurer-url': url })`. */
export const exchangeArgs = (values: FlagValues<typeof EXCHANGE_OPTIONS>): string[] => argsOf(values);

/** The insurer's arguments, e.g. `insurerArgs({ port: 0, 'data-dir': dir })`. */
export const insurerArgs = (values: FlagValues<typeof INSURER_OPTIONS>): string[] => argsOf(values);
