// How one test is split across N local k6 instances: each instance's execution segment of the same segment
// sequence (k6 divides every scenario's VUs, rates and iterations by them), and its own slice of the applicants.

/** A fraction as k6 reads it in --execution-segment(-sequence): 0, 1, or i/n. */
function fraction(i: number, n: number): string {
  return i === 0 ? '0' : i === n ? '1' : `${i}/${n}`;
}

export interface InstanceSegment {
  /** --execution-segment, e.g. "1/3:2/3". */
  segment: string;
  /** --execution-segment-sequence, the same for every instance, e.g. "0,1/3,2/3,1". */
  sequence: string;
}

export function executionSegments(instances: number): InstanceSegment[] {
  if (!(Number.isInteger(instances) && instances >= 1)) throw new RangeError(`instances must be a whole number ≥ 1, got ${instances}`);
  const sequence = Array.from({ length: instances + 1 }, (_, i) => fraction(i, instances)).join(',');
  return Array.from({ length: instances }, (_, i) => ({ segment: `${fraction(i, instances)}:${fraction(i + 1, instances)}`, sequence }));
}

/**
 * k6 stripes a scenario's iterations over the segments, not in exact shares: a short ramp gave one of three
 * instances 24 of 60 arrivals, and shared-iterations follows the VUs (2 VUs over 3 instances: 10, 10, 0). Each slice
 * is its even share with this headroom, and a few more, so no instance runs out; unused applicants are never
 * confirmed, and reconciliation counts only what consumers were told.
 */
export const SLICE_HEADROOM = 1.25;
export const SLICE_EXTRA = 20;

export interface ApplicantSlice {
  /** Index of the first applicant of the slice in the run's applicants file. */
  from: number;
  /** One past the last. */
  to: number;
}

/** Disjoint, contiguous slices of the run's applicants, one per instance, for a plan of `planned` applicants. */
export function applicantSlices(planned: number, instances: number): ApplicantSlice[] {
  if (instances === 1) return [{ from: 0, to: planned }];
  const size = Math.ceil((planned / instances) * SLICE_HEADROOM) + SLICE_EXTRA;
  return Array.from({ length: instances }, (_, i) => ({ from: i * size, to: (i + 1) * size }));
}
