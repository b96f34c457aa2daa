// Parsing of numeric CLI options with errors that name the flag, the value, and what is expected.

import { UsageError } from '../../vocabulary/errors.ts';

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

const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** A duration such as 30s, 5m, 1h30m or 500ms (units h, m, s, ms, combined) → seconds; a clear error otherwise. */
export function parseDurationOption(flag: string, raw: string): number {
  const text = raw.trim();
  let seconds = 0;
  let consumed = 0;
  DURATION_PART.lastIndex = 0;
  for (let match = DURATION_PART.exec(text); match; match = DURATION_PART.exec(text)) {
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
    consumed = DURATION_PART.lastIndex;
  }
  if (text === '' || consumed !== text.length || !(seconds > 0)) {
    throw new UsageError(`${flag} ${raw}`, 'a positive duration such as 30s, 5m or 1h30m', `Give ${flag} a duration like 30s.`);
  }
  return seconds;
}
