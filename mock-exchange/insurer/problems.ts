// What a 999 reports about a bad transaction: IK3 (segment, position, loop, code) and optionally IK4 (element).
// Codes are X12's: IK304 3 required segment missing, 8 segment has data element errors; IK403 1 missing, 6 invalid
// character, 7 invalid code value, 8 invalid date, I12 implementation pattern match failure.

export interface ElementProblem {
  /** 1-based element position in the segment. */
  position: number;
  code: string;
  /** Copy of the bad value (IK404), when there is one. */
  value?: string;
}

export interface SegmentProblem {
  segmentId: string;
  /** Position in the transaction set: ST is 1. */
  position: number;
  loop: string;
  code: string;
  element?: ElementProblem;
  /** Human words for the insurer's log; not sent in the 999. */
  why: string;
}

/** A calendar date CCYYMMDD that exists (20250230 does not). */
export function isD8(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(4, 6));
  const d = Number(value.slice(6, 8));
  const at = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

export function d8ToIso(value: string): string {
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/** CCYYMMDDHHMMSS → ISO-8601 UTC; '' when malformed. */
export function timestamp14ToIso(value: string): string {
  if (!/^\d{14}$/.test(value) || !isD8(value.slice(0, 8))) return '';
  return `${d8ToIso(value.slice(0, 8))}T${value.slice(8, 10)}:${value.slice(10, 12)}:${value.slice(12, 14)}.000Z`;
}

export const AMOUNT = /^-?\d+(\.\d{1,2})?$/;

export function cents(amount: number): number {
  return Math.round(amount * 100);
}
