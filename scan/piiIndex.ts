// The synthetic identities of a run, indexed for scanning: SSNs, full names and dates of birth.
// Synthetic, but treated as PII all the same: they may stand only in the files meant to hold them.

import type { Household } from '../domain/household.ts';

export interface PiiIndex {
  ssns: Set<string>;
  /** "FIRST LAST", upper-cased. */
  names: Set<string>;
  /** CCYY-MM-DD and CCYYMMDD. */
  dobs: Set<string>;
}

export function indexHouseholds(households: Iterable<Household>): PiiIndex {
  const index: PiiIndex = { ssns: new Set(), names: new Set(), dobs: new Set() };
  for (const household of households) {
    for (const member of household.members) {
      index.ssns.add(member.ssn);
      index.names.add(`${member.firstName} ${member.lastName}`.toUpperCase());
      index.dobs.add(member.dob);
      index.dobs.add(member.dob.replaceAll('-', ''));
    }
  }
  return index;
}

export type PiiKind = 'ssn' | 'name' | 'dob';

export interface PiiHit {
  kind: PiiKind;
  /** Masked: enough to find it, never the value itself. */
  masked: string;
}

const mask = (kind: PiiKind, value: string): string =>
  kind === 'ssn'
    ? `***-**-${value.slice(-4)}`
    : kind === 'dob'
      ? `${value.slice(0, 4)}-**-**`
      : value
          .split(' ')
          .map((part) => part.charAt(0) + '*'.repeat(part.length - 1))
          .join(' ');

/**
 * Every identity of the index in one line of text. Tokens are extracted by shape, then looked up: one pass per line.
 * A run of digits after a decimal point is a fraction (a timestamp's nanoseconds, a metric value), never an SSN or a
 * date of birth: among the fractions of a large run's timestamps some 8- and 9-digit ones equal a household's by chance.
 * So is the whole part of a decimal number (a sum of latencies in ms, 19760906.21, is no date of birth); an identity at
 * the end of a sentence ("… for 900123456.") is still found.
 */
export function findPii(line: string, index: PiiIndex): PiiHit[] {
  const hits: PiiHit[] = [];
  for (const match of line.matchAll(/(?<![\d.])(\d{3})-?(\d{2})-?(\d{4})(?!\d|\.\d)/g)) {
    const ssn = `${match[1]}${match[2]}${match[3]}`;
    if (index.ssns.has(ssn)) hits.push({ kind: 'ssn', masked: mask('ssn', ssn) });
  }
  for (const match of line.matchAll(/(?<![\d.])\d{4}-?\d{2}-?\d{2}(?!\d|\.\d)/g)) {
    if (index.dobs.has(match[0])) hits.push({ kind: 'dob', masked: mask('dob', match[0]) });
  }
  const words = line.toUpperCase().match(/[A-Z][A-Z'-]*/g) ?? [];
  for (let i = 0; i + 1 < words.length; i += 1) {
    const name = `${words[i]} ${words[i + 1]}`;
    if (index.names.has(name)) hits.push({ kind: 'name', masked: mask('name', name) });
  }
  return hits;
}
