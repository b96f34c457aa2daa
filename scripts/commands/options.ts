// Parsing of numeric CLI options with errors that name the flag, the value, and what is expected.

import { UsageError } from '../usageError.ts';

export function parseNumberOption(flag: string, raw: string, rule: { integer?: boolean; min?: number; max?: number }): number {
  const value = Number(raw);
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range = [rule.min !== undefined ? `≥ ${rule.min}` : '', rule.max !== undefined ? `≤ ${rule.max}` : ''].filter(Boolean).join(' and ');
  const expected = range ? `${kind} ${range}` : kind;
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`${flag} ${raw}`, expected, `Give ${flag} ${expected}.`);
  return value;
}
