// instantMs reads toISOString's instants as Date.parse does, and leaves anything else to Date.parse.

import { describe, expect, it } from 'vitest';
import { instantMs } from '../../reconcile/instant.ts';
import { seededRandom } from '../../analysis/bootstrap.ts';

const same = (text: string): void => expect(Object.is(instantMs(text), Date.parse(text)), `${text}: ${instantMs(text)} ≠ ${Date.parse(text)}`).toBe(true);

describe('instantMs', () => {
  it('agrees with Date.parse on 200,000 instants from year 0 to 9999, every millisecond field exercised', () => {
    const next = seededRandom(19);
    const first = new Date(0);
    first.setUTCFullYear(0, 0, 1); // Date.UTC would read year 0 as 1900
    const to = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 200_000; i++) {
      const text = new Date(first.getTime() + Math.floor(next() * (to - first.getTime()))).toISOString();
      expect(text).toHaveLength(24);
      expect(instantMs(text)).toBe(Date.parse(text));
    }
  });

  it('agrees on the edges: leap days, month ends, the epoch, the last millisecond of a year', () => {
    for (const text of [
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '1900-03-01T00:00:00.000Z',
      '2025-11-01T12:00:05.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2025-12-31T23:59:59.999Z',
    ])
      same(text);
  });

  it('leaves other forms and impossible fields to Date.parse (NaN or its reading)', () => {
    for (const text of [
      '',
      'soon',
      '2025-11-01',
      '2025-11-01T12:00:05Z',
      '2025-11-01T12:00:05.000+01:00',
      '2025-11-01 12:00:05.000Z',
      '2025-13-01T12:00:05.000Z',
      '2025-02-29T12:00:05.000Z',
      '1900-02-29T12:00:05.000Z',
      '2025-04-31T12:00:05.000Z',
      '2025-11-00T12:00:05.000Z',
      '2025-11-01T24:00:00.000Z',
      '2025-11-01T12:60:05.000Z',
      '2025-11-01T12:00:60.000Z',
      '2025-11-01T12:00:05.00aZ',
      '2025-11-01T1a:00:05.000Z',
      '+02025-11-01T12:00:05.000Z',
      '-000001-01-01T00:00:00.000Z',
      '2025-11-01T12:00:05.000z',
    ])
      same(text);
  });
});
