// Smoke: a few VUs take every applicant once through the enrollment journey. Proves the whole path works.

import exec from 'k6/execution';
import type { Options } from 'k6/options';
import { applicantFor } from './lib/applicants.ts';
import { config } from './lib/config.ts';
import { enrollJourney } from './lib/journeys.ts';
import { requireReadyExchange } from './lib/preflight.ts';
import { writeSummary } from './lib/summary.ts';

export const options: Options = {
  scenarios: {
    smoke: { executor: 'shared-iterations', vus: config.vus, iterations: config.iterations, maxDuration: config.maxDuration },
  },
  thresholds: config.thresholds,
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
};

export function setup(): void {
  requireReadyExchange(config.baseUrl);
}

export default function (): void {
  const household = applicantFor(exec.scenario.iterationInTest);
  if (household) enrollJourney(config.baseUrl, household, config.thinkTimeSeconds, config.maxQueueSeconds);
}

export function handleSummary(data: object): Record<string, string> {
  return writeSummary(data);
}
