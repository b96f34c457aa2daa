// Value formatting for outgoing X12: dates, times, amounts, fixed-width ISA fields and delimiter-safe text.

import { DELIMITERS } from './vocabulary.ts';

const FORBIDDEN = new RegExp(
  `[${Object.values(DELIMITERS)
    .map((d) => `\\${d}`)
    .join('')}\\r\\n]`,
  'g',
);

/** Text elements must never contain a delimiter: a stray `*` in a name would shift every later element. */
export function text(value: string): string {
  return value.replace(FORBIDDEN, ' ').trim();
}

/** CCYY-MM-DD → CCYYMMDD. */
export function d8(isoDate: string): string {
  return isoDate.slice(0, 10).replaceAll('-', '');
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** UTC date as CCYYMMDD. */
export function ccyymmdd(at: Date): string {
  return `${at.getUTCFullYear()}${pad2(at.getUTCMonth() + 1)}${pad2(at.getUTCDate())}`;
}

/** UTC time as HHMM or HHMMSS. */
export function hhmm(at: Date, seconds = false): string {
  const base = `${pad2(at.getUTCHours())}${pad2(at.getUTCMinutes())}`;
  return seconds ? `${base}${pad2(at.getUTCSeconds())}` : base;
}

/** An ISO-8601 instant as CCYYMMDDHHMMSS (UTC), the REQUEST SUBMIT TIMESTAMP format. */
export function timestamp14(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`submittedAt ${JSON.stringify(iso)}: expected an ISO-8601 instant`);
  return `${ccyymmdd(at)}${hhmm(at, true)}`;
}

/** Dollars with two decimals, no thousands separator (REF*9X amounts). */
export function amount(dollars: number): string {
  if (!Number.isFinite(dollars)) throw new RangeError(`amount ${dollars}: expected a finite number of dollars`);
  return (Math.round(dollars * 100) / 100).toFixed(2);
}

/** A fixed-width ISA field: left-aligned, space-padded, never longer than the width. */
export function fixed(value: string, width: number): string {
  return text(value).slice(0, width).padEnd(width, ' ');
}

/** A control number as ISA13 wants it: exactly nine digits. */
export function control9(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999) throw new RangeError(`control number ${n}: expected a whole number 0-999999999`);
  return String(n).padStart(9, '0');
}

export function digits(value: string): string {
  return value.replace(/\D/g, '');
}
