// The coverage start from the submission day (45 CFR 155.410(f)): the open-enrollment calendar, the special-enrollment
// rule after it, and the harness conventions that keep a submission on any day inside the plan year.

import { describe, expect, it } from 'vitest';
import { coverageStart } from '../../domain/coverageStart.ts';

describe('coverageStart', () => {
  it.each([
    ['2025-11-01T00:00:00Z', '2026-01-01', 'open-enrollment'],
    ['2025-12-01T09:00:00Z', '2026-01-01', 'open-enrollment'],
    ['2025-12-15T23:59:59Z', '2026-01-01', 'open-enrollment'],
    ['2025-12-16T00:00:00Z', '2026-02-01', 'late-open-enrollment'],
    ['2025-12-31T12:00:00Z', '2026-02-01', 'late-open-enrollment'],
    ['2026-01-15T23:59:59Z', '2026-02-01', 'late-open-enrollment'],
    ['2026-01-16T00:00:00Z', '2026-02-01', 'special-enrollment'],
    ['2026-02-28T10:00:00Z', '2026-03-01', 'special-enrollment'],
    ['2026-11-30T23:59:59Z', '2026-12-01', 'special-enrollment'],
    ['2025-06-01T00:00:00Z', '2026-01-01', 'before-open-enrollment'],
    ['2025-10-31T23:59:59Z', '2026-01-01', 'before-open-enrollment'],
    ['2026-12-01T00:00:00Z', '2026-12-01', 'after-plan-year'],
    ['2027-03-01T00:00:00Z', '2026-12-01', 'after-plan-year'],
  ] as const)('plan year 2026, submitted %s: coverage from %s (%s)', (at, start, rule) => {
    expect(coverageStart(2026, new Date(at))).toEqual({ effectiveDate: start, endDate: '2026-12-31', rule });
  });

  it('follows the plan year asked for: the 2025 calendar a year earlier', () => {
    expect(coverageStart(2025, new Date('2024-12-20T12:00:00Z'))).toMatchObject({ effectiveDate: '2025-02-01', endDate: '2025-12-31' });
  });

  it('names an invalid submission time', () => {
    expect(() => coverageStart(2026, new Date('not a date'))).toThrow(/submission time/);
  });
});
