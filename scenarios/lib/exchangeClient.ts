// A typed client of the exchange API. Every request is tagged with its route pattern (`name`), never a per-person URL.

import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import type { Household } from '../../domain/household.ts';
import type { Eligibility } from '../../domain/oracle.ts';

/** The exchange answers eligibility in the oracle's own shape. */
export type EligibilityAnswer = Eligibility;

export interface Confirmation {
  confirmationNumber: string;
  effectiveDate: string;
  planId: string;
  issuerId: string;
  metal: string;
  premium: number;
  aptc: number;
  owed: number;
}

type Response = RefinedResponse<ResponseType | undefined>;

/** Every synthetic consumer's password: the accounts are throwaway, on a test exchange. */
export const SYNTHETIC_PASSWORD = 'synthetic-password-1';

/** A plan as anonymous browsing lists it: premiums before subsidy. */
export interface BrowsedPlan {
  planId: string;
  premium: number;
}

/** The body of POST /api/v1/applications: the household as the consumer states it (no oracle answers). */
export function applicationBody(household: Household, planYear: number) {
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = household;
  return { planYear, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } };
}

export class ExchangeClient {
  private token = '';
  private session = '';
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** `body: 'none'` for a response whose body is never read: kept 'text' otherwise, even under discardResponseBodies. */
  private params(route: string, body: 'text' | 'none' = 'text') {
    return {
      responseType: body,
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(this.session ? { 'x-waiting-room-session': this.session } : {}),
      },
      tags: { name: route },
    };
  }

  private post(path: string, route: string, body: unknown): Response {
    return http.post(`${this.baseUrl}${path}`, JSON.stringify(body), this.params(route));
  }

  /** Enters the waiting room; 200 admits at once, 202 gives a ticket to poll. */
  enterWaitingRoom(): Response {
    const response = this.post('/api/v1/waiting-room', 'POST /api/v1/waiting-room', {});
    if (response.status === 200) this.session = String(response.json('sessionId'));
    return response;
  }

  /** Ends the session (signing out), so the waiting room admits the next visitor at once. */
  leaveWaitingRoom(): void {
    if (!this.session) return;
    http.del(`${this.baseUrl}/api/v1/waiting-room/session`, null, this.params('DELETE /api/v1/waiting-room/session', 'none'));
    this.session = '';
  }

  pollWaitingRoom(ticketId: string): Response {
    const response = http.get(`${this.baseUrl}/api/v1/waiting-room/${ticketId}`, this.params('GET /api/v1/waiting-room/:ticket'));
    if (response.status === 200) this.session = String(response.json('sessionId'));
    return response;
  }

  /** Anonymous: the plans sold at a ZIP and their premiums before subsidy, for people of these ages (subscriber first). */
  browsePlans(zip: string, planYear: number, ages: readonly number[]): Response {
    const query = `zip=${zip}&planYear=${planYear}&ages=${ages.join(',')}`;
    return http.get(`${this.baseUrl}/api/v1/plans?${query}`, this.params('GET /api/v1/plans'));
  }

  createAccount(email: string): Response {
    const response = this.post('/api/v1/accounts', 'POST /api/v1/accounts', { email, password: SYNTHETIC_PASSWORD });
    if (response.status === 201) this.token = String(response.json('token'));
    return response;
  }

  /** A returning consumer signs in to the account made earlier. */
  logIn(email: string): Response {
    const response = this.post('/api/v1/sessions', 'POST /api/v1/sessions', { email, password: SYNTHETIC_PASSWORD });
    if (response.status === 200) this.token = String(response.json('token'));
    return response;
  }

  myEnrollments(): Response {
    return http.get(`${this.baseUrl}/api/v1/enrollments`, this.params('GET /api/v1/enrollments'));
  }

  submitApplication(household: Household, planYear: number): Response {
    return this.post('/api/v1/applications', 'POST /api/v1/applications', applicationBody(household, planYear));
  }

  determineEligibility(applicationId: string): Response {
    return this.post(`/api/v1/applications/${applicationId}/eligibility`, 'POST /api/v1/applications/:id/eligibility', {});
  }

  listPlans(applicationId: string): Response {
    return http.get(`${this.baseUrl}/api/v1/applications/${applicationId}/plans`, this.params('GET /api/v1/applications/:id/plans', 'none'));
  }

  enroll(applicationId: string, planId: string): Response {
    return this.post(`/api/v1/applications/${applicationId}/enrollments`, 'POST /api/v1/applications/:id/enrollments', { planId });
  }
}
