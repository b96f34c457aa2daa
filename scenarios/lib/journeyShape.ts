// The shape of the enrollment journey (journeys.ts) as plain data with no k6 import, so the profiles can plan
// arrival rates and durations from it by Little's law.

export const ENROLLMENT_JOURNEY = {
  /** Requests one journey makes: enter the waiting room, five pages (account → enroll), sign out. */
  requests: 7,
  /** Think-time pauses between its pages. */
  thinkPauses: 4,
  /** Each pause is the think time times a uniform factor in [min, max): mean 1. */
  thinkSpread: { min: 0.5, max: 1.5 },
} as const;
