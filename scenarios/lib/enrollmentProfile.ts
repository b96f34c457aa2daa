// What every enrollment profile script shares: its options (the planned scenario under the profile's name, the
// thresholds from the targets file), the preflight, and the summary for the verdict.

import type { Options } from 'k6/options';
import { config } from './config.ts';
import { requireReadyExchange } from './preflight.ts';
import { writeSummary } from './summary.ts';

/** `extra` adds or replaces options, e.g. a soak's memory-friendly ones. */
export function enrollmentOptions(scenarioName: string, extra: Options = {}): Options {
  return {
    scenarios: { [scenarioName]: config.scenario },
    thresholds: config.thresholds,
    summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
    ...extra,
  };
}

export function setup(): void {
  requireReadyExchange(config.baseUrl);
}

export function handleSummary(data: object): Record<string, string> {
  return writeSummary(data);
}
