// ageOn reads CCYY-MM-DD digit by digit; any other shape goes the old way (split on "-"), with the same answers.

import { describe, expect, it } from 'vitest';
import { ageOn } from '../../domain/ageCurve.ts';

const bySplit = (dob: string, on: string): number => {
  const [by, bm, bd] = dob.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
};

describe('ageOn', () => {
  it.each([
    ['1990-01-01', '2026-01-01', 36],
    ['1990-01-02', '2026-01-01', 35],
    ['1989-12-31', '2026-01-01', 36],
    ['2026-01-01', '2026-01-01', 0],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
  ])('%s on %s is %i', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });

  it('agrees with splitting on "-" for every day of two years against several dates', () => {
    const days = Array.from({ length: 731 }, (_, i) => new Date(Date.UTC(1999, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    for (const on of ['2025-01-01', '2026-01-01', '2026-06-15', '2000-12-31'])
      for (const dob of days) expect(ageOn(dob, on), `${dob} on ${on}`).toBe(bySplit(dob, on));
  });

  it('reads other shapes as before: unpadded parts, and NaN for what is no date', () => {
    expect(ageOn('1990-1-5', '2026-01-01')).toBe(35);
    expect(ageOn('1990-1-1', '2026-1-1')).toBe(36);
    expect(ageOn('1990-01-05', '2026-1-6')).toBe(36);
    expect(ageOn('not a date', '2026-01-01')).toBeNaN();
    expect(ageOn('19x0-01-05', '2026-01-01')).toBeNaN();
  });
});
