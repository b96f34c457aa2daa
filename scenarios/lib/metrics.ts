// Custom metrics of the scenarios, prefixed `marketplace_`. No label identifies a person.

import { Counter, Trend } from 'k6/metrics';
import { METRIC_NAMES } from './metricNames.ts';

export { METRIC_NAMES };

export const journeyDuration = new Trend(METRIC_NAMES.journeyDuration, true);
export const journeysStarted = new Counter(METRIC_NAMES.journeysStarted);
export const enrollmentsConfirmed = new Counter(METRIC_NAMES.enrollmentsConfirmed);
export const oracleMismatches = new Counter(METRIC_NAMES.oracleMismatches);
export const waitingRoomWait = new Trend(METRIC_NAMES.waitingRoomWait, true);
export const securityProbes = new Counter(METRIC_NAMES.securityProbes);
export const securityProbesSucceeded = new Counter(METRIC_NAMES.securityProbesSucceeded);
