// Names of the scenarios' custom metrics, prefixed `marketplace_`: plain data with no k6 import, so the dashboards,
// the verdict and the docs can import the same names the scenarios emit.

export const METRIC_NAMES = {
  journeyDuration: 'marketplace_journey_duration',
  journeysStarted: 'marketplace_journeys',
  enrollmentsConfirmed: 'marketplace_enrollments_confirmed',
  oracleMismatches: 'marketplace_oracle_mismatches',
  waitingRoomWait: 'marketplace_waiting_room_wait',
} as const;
