// Custom metrics of the scenarios, prefixed `marketplace_`. No label identifies a person.

import { Counter, Trend } from 'k6/metrics';

export const METRIC_NAMES = {
  journeyDuration: 'marketplace_journey_duration',
  enrollmentsConfirmed: 'marketplace_enrollments_confirmed',
  oracleMismatches: 'marketplace_oracle_mismatches',
  waitingRoomWait: 'marketplace_waiting_room_wait',
} as const;

export const journeyDuration = new Trend(METRIC_NAMES.journeyDuration, true);
export const enrollmentsConfirmed = new Counter(METRIC_NAMES.enrollmentsConfirmed);
export const oracleMismatches = new Counter(METRIC_NAMES.oracleMismatches);
export const waitingRoomWait = new Trend(METRIC_NAMES.waitingRoomWait, true);
