// The shape of the enrollment journey (journeys.ts) as plain data with no k6 import, so the profiles can plan
// arrival rates and durations from it by Little's law, and the VU benchmark knows the pace to expect.

/** Requests made between think pauses: waiting room + account; application; eligibility; plans; enroll + sign out. */
const REQUESTS_BETWEEN_PAUSES = [2, 1, 1, 1, 2] as const;

export const ENROLLMENT_JOURNEY = {
  requestsBetweenPauses: REQUESTS_BETWEEN_PAUSES,
  /** Requests one journey makes. */
  requests: REQUESTS_BETWEEN_PAUSES.reduce<number>((sum, n) => sum + n, 0),
  /** Think-time pauses between its pages. */
  thinkPauses: REQUESTS_BETWEEN_PAUSES.length - 1,
  /** Each pause is the think time times a uniform factor in [min, max): mean 1. */
  thinkSpread: { min: 0.5, max: 1.5 },
} as const;
