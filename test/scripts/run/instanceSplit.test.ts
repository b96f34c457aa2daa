// Splitting a test across instances: k6's execution segments of one sequence, and disjoint applicant slices.

import { describe, expect, it } from 'vitest';
import { applicantSlices, executionSegments, SLICE_EXTRA, SLICE_HEADROOM } from '../../../scripts/run/instanceSplit.ts';

describe('executionSegments', () => {
  it('three instances: thirds of one sequence', () => {
    expect(executionSegments(3)).toEqual([
      { segment: '0:1/3', sequence: '0,1/3,2/3,1' },
      { segment: '1/3:2/3', sequence: '0,1/3,2/3,1' },
      { segment: '2/3:1', sequence: '0,1/3,2/3,1' },
    ]);
    expect(executionSegments(1)).toEqual([{ segment: '0:1', sequence: '0,1' }]);
    expect(() => executionSegments(0)).toThrow(RangeError);
    expect(() => executionSegments(1.5)).toThrow(RangeError);
  });
});

describe('applicantSlices', () => {
  it('one instance: the plan, unchanged', () => {
    expect(applicantSlices(203, 1)).toEqual([{ from: 0, to: 203 }]);
  });

  it('several: disjoint and contiguous, each its even share with headroom', () => {
    const slices = applicantSlices(300, 4);
    const size = Math.ceil(75 * SLICE_HEADROOM) + SLICE_EXTRA;
    expect(slices.map((s) => s.to - s.from)).toEqual([size, size, size, size]);
    slices.slice(1).forEach((s, i) => expect(s.from).toBe(slices[i]!.to));
    expect(slices[0]!.from).toBe(0);
  });
});
