// The exchange-overhead benchmark's load (bench/exchangeOverhead.ts): the same closed-model k6 load — VUS virtual
// users, no think time, for DURATION — against (MODE=constant) a bare node:http server answering constant JSON,
// (MODE=browse) the exchange's anonymous plan browsing, or (MODE=journey) the full enrollment journey.

import { check } from 'k6';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import type { Household } from '../../domain/household.ts';
import { ExchangeClient } from '../lib/exchangeClient.ts';

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

function journey(): void {
  const household = households[exec.scenario.iterationInTest];
  if (!household) return;
  const client = new ExchangeClient(BASE_URL);
  client.enterWaitingRoom();
  client.createAccount(household.email);
  const application = client.submitApplication(household, household.expected.planYear);
  const applicationId = String(application.json('applicationId'));
  client.determineEligibility(applicationId);
  client.listPlans(applicationId);
  check(client.enroll(applicationId, household.plan.id), { 'enrolled (201)': (r) => r.status === 201 });
  client.leaveWaitingRoom();
}

export default function (): void {
  if (MODE === 'journey') return journey();
  const url = MODE === 'browse' ? `${BASE_URL}/api/v1/plans?zip=${__ENV.ZIP}&planYear=2026&ages=40,38,10` : `${BASE_URL}/`;
  check(http.get(url), { '200': (r) => r.status === 200 });
}
