// Names of the scenarios' custom metrics, prefixed `marketplace_`: plain data with no imports, so the dashboards,
// the verdict and the docs can import the same names the scenarios emit.

export const METRIC_NAMES = {
  journeyDuration: 'marketplace_journey_duration',
  journeysStarted: 'marketplace_journeys',
  enrollmentsConfirmed: 'marketplace_enrollments_confirmed',
  /** Households the exchange rightly referred to Medicaid/CHIP: their journey ends at eligibility, as expected. */
  medicaidReferrals: 'marketplace_medicaid_referrals',
  oracleMismatches: 'marketplace_oracle_mismatches',
  waitingRoomWait: 'marketplace_waiting_room_wait',
  /** Security probes made, by probe class (tag `probe`). */
  securityProbes: 'marketplace_security_probes',
  /** Security probes that got through: an attack the exchange let succeed, by probe class (tag `probe`). */
  securityProbesSucceeded: 'marketplace_security_probes_succeeded',
} as const;
