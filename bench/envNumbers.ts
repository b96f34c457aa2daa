// A benchmark's size from the environment, for a quick run (e.g. EXCHANGE_OVERHEAD_SECONDS=5): whole numbers > 0,
// comma-separated; a bad value is refused, naming the variable.

import { UsageError } from '../vocabulary/errors.ts';

export function envNumbers(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((v) => Number(v.trim().replace(/_/g, '')));
  if (values.some((v) => !Number.isInteger(v) || v <= 0))
    throw new UsageError(`${name}=${raw}`, 'whole numbers > 0, comma-separated', `Unset ${name} for the defaults (${fallback.join(',')}).`);
  return values;
}

/** One whole number > 0 from the environment, or the fallback. */
export function envNumber(name: string, fallback: number): number {
  const values = envNumbers(name, [fallback]);
  if (values.length !== 1) throw new UsageError(`${name}=${process.env[name]}`, 'one whole number > 0', `Unset ${name} for the default (${fallback}).`);
  return values[0]!;
}
