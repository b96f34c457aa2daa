// The exchange-overhead benchmark's load (bench/exchangeOverhead.ts): the same closed-model k6 load — VUS virtual
// users, no think time, for DURATION — against (MODE=constant) a bare node:http server answering constant JSON,
// (MODE=browse) the exchange's anonymous plan browsing, or (MODE=journey) the consumer journeys in the targets'
// funnel (JOURNEY_MIX), every answer checked as in a run.

import { check } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Household } from '../../domain/household.ts';
import { journeyFor, type JourneyMix } from '../lib/journeyShape.ts';
import { consumerJourney } from '../lib/journeys.ts';

const MODE = __ENV.MODE ?? 'constant';
const BASE_URL = __ENV.BASE_URL ?? 'http://127.0.0.1:8080';

export const options = {
  scenarios: { load: { executor: 'constant-vus', vus: Number(__ENV.VUS ?? 50), duration: __ENV.DURATION ?? '10s' } },
  summaryTrendStats: ['med', 'p(95)', 'p(99)'],
  discardResponseBodies: MODE !== 'journey',
};

const households = new SharedArray<Household>('households', () =>
  MODE === 'journey'
    ? open(__ENV.APPLICANTS_FILE ?? '')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Household)
    : [],
);

const mix = JSON.parse(__ENV.JOURNEY_MIX ?? '{"browse":0,"apply":0,"enroll":1,"returning":0}') as JourneyMix;

function journey(): void {
  const iteration = exec.scenario.iterationInTest;
  const household = households[iteration];
  if (!household) return;
  consumerJourney(journeyFor(iteration, mix), household, { baseUrl: BASE_URL, thinkTimeSeconds: 0, maxQueueSeconds: 10 });
}

export default function (): void {
  if (MODE === 'journey') return journey();
  const url = MODE === 'browse' ? `${BASE_URL}/api/v1/plans?zip=${__ENV.ZIP}&planYear=2026&ages=40,38,10` : `${BASE_URL}/`;
  check(http.get(url), { '200': (r) => r.status === 200 });
}
