// Parsing of numeric CLI options with errors that name the flag, the value, and what is expected.

import { DEFAULT_SCRYPT_COST, isScryptCost, MAX_SCRYPT_COST } from '../../mock-exchange/exchange/passwords.ts';
import { durationMs } from '../../vocabulary/duration.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { PLAN_YEARS_TEXT, planYearOf, type PlanYear } from '../../vocabulary/planYear.ts';

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

/** A duration such as 30s, 5m, 1h30m or 500ms (units h, m, s, ms, combined) → seconds; a clear error otherwise. */
export function parseDurationOption(flag: string, raw: string): number {
  const ms = durationMs(raw);
  if (ms === undefined || !(ms > 0)) {
    throw new UsageError(`${flag} ${raw}`, 'a positive duration such as 30s, 5m or 1h30m', `Give ${flag} a duration like 30s.`);
  }
  return ms / 1000;
}

/** --plan-year: a coverage year whose rules the harness knows. */
export function parsePlanYear(raw: string): PlanYear {
  const year = planYearOf(raw);
  if (year === undefined)
    throw new UsageError(`--plan-year ${raw}`, `${PLAN_YEARS_TEXT} (the rule sets the harness knows)`, `Give --plan-year ${PLAN_YEARS_TEXT}.`);
  return year;
}

/** `--password-cost`: scrypt's N for the mock exchange's account passwords, a power of two. */
export function parsePasswordCost(text: string): number {
  const cost = Number(text);
  if (!isScryptCost(cost))
    throw new UsageError(
      `--password-cost ${text}`,
      `scrypt's N, a power of two from 2 to ${MAX_SCRYPT_COST}`,
      `Give e.g. --password-cost ${DEFAULT_SCRYPT_COST} (the default) or 131072 (2^17, production guidance).`,
    );
  return cost;
}
