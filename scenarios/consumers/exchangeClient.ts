// A typed client of the exchange API over the engine's runtime, one per consumer: it carries the consumer's bearer
// token and waiting-room session. Every request is named by its route pattern, never a per-person URL. A body that is
// not the JSON object expected reads as undefined instead of throwing, so a garbled answer fails a check, not the journey.

import type { Household } from '../../domain/household.ts';
import type { HttpResponse } from '../../engine/httpClient.ts';
import type { JourneyContext } from '../../engine/runtime.ts';
import { SESSION_HEADER } from '../../vocabulary/routes.ts';
import type { BrowsedPlan, Confirmation, EligibilityAnswer } from './answers.ts';
import { REQUESTS } from '../../vocabulary/requests.ts';

export type { BrowsedPlan, Confirmation, EligibilityAnswer };

/** Every synthetic consumer's password: the accounts are throwaway, on a test exchange. */
export const SYNTHETIC_PASSWORD = 'synthetic-password-1';

export type JsonObject = Record<string, unknown>;

/** An answer of the exchange: its status, its body when it is a JSON object, and its headers. */
export interface Answer {
  status: number;
  body: JsonObject | undefined;
  headers: HttpResponse['headers'];
}

/** The body as a JSON object, or undefined when it is empty, not JSON, or JSON of another kind. */
export function jsonObjectOf(text: string): JsonObject | undefined {
  if (text === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** A string field of a body, or undefined. */
export const stringField = (body: JsonObject | undefined, field: string): string | undefined => {
  const value = body?.[field];
  return typeof value === 'string' ? value : undefined;
};

/** A confirmation with every field the ledger and the oracle read, of the right type; undefined otherwise. */
export function confirmationOf(value: unknown): Confirmation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as JsonObject;
  const strings = ['confirmationNumber', 'effectiveDate', 'planId'].every((f) => typeof c[f] === 'string');
  const numbers = ['premium', 'aptc', 'owed'].every((f) => typeof c[f] === 'number' && Number.isFinite(c[f]));
  return strings && numbers ? (c as unknown as Confirmation) : undefined;
}

/** The body of POST /api/v1/applications: the household as the consumer states it (no oracle answers). */
export function applicationBody(household: Household, planYear: number) {
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = household;
  return { planYear, household: { state, countyFips, zip, city, street, phone, email, householdIncome, members } };
}

export class ExchangeClient {
  private token = '';
  private session = '';
  /** The headers for the current token and session, built once a change (every request sends them). */
  private sent: Record<string, string> | undefined;
  private readonly context: JourneyContext;
  private readonly baseUrl: string;

  constructor(context: JourneyContext, baseUrl: string) {
    this.context = context;
    this.baseUrl = baseUrl;
  }

  private headers(): Record<string, string> {
    this.sent ??= {
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      ...(this.session ? { [SESSION_HEADER]: this.session } : {}),
    };
    return this.sent;
  }

  private setToken(token: string): void {
    this.token = token;
    this.sent = undefined;
  }

  private setSession(session: string): void {
    this.session = session;
    this.sent = undefined;
  }

  private static answer(response: HttpResponse): Answer {
    // The headers are read through: the engine parses them only when a journey looks (the waiting room's Retry-After).
    return {
      status: response.status,
      body: jsonObjectOf(response.body),
      get headers() {
        return response.headers;
      },
    };
  }

  private async get(path: string, route: string, keepBody = true): Promise<Answer> {
    return ExchangeClient.answer(await this.context.get(`${this.baseUrl}${path}`, { name: route, headers: this.headers(), keepBody }));
  }

  private async post(path: string, route: string, body: unknown): Promise<Answer> {
    return ExchangeClient.answer(await this.context.post(`${this.baseUrl}${path}`, body, { name: route, headers: this.headers() }));
  }

  /** Admitted (200) gives the session to send from now on; anything else leaves the consumer without one. */
  private admittedBy(answer: Answer): Answer {
    const sessionId = answer.status === 200 ? stringField(answer.body, 'sessionId') : undefined;
    if (sessionId !== undefined) this.setSession(sessionId);
    return answer;
  }

  /** Enters the waiting room; 200 admits at once, 202 gives a ticket to poll. */
  async enterWaitingRoom(): Promise<Answer> {
    return this.admittedBy(await this.post('/api/v1/waiting-room', REQUESTS.enterWaitingRoom, {}));
  }

  async pollWaitingRoom(ticketId: string): Promise<Answer> {
    return this.admittedBy(await this.get(`/api/v1/waiting-room/${encodeURIComponent(ticketId)}`, REQUESTS.pollWaitingRoom));
  }

  /** Ends the session (signing out), so the waiting room admits the next visitor at once. */
  async leaveWaitingRoom(): Promise<void> {
    if (!this.session) return;
    const headers = this.headers();
    this.setSession('');
    await this.context.del(`${this.baseUrl}/api/v1/waiting-room/session`, { name: REQUESTS.leaveWaitingRoom, headers, keepBody: false });
  }

  /** Anonymous: the plans sold at a ZIP and their premiums before subsidy, for people of these ages (subscriber first). */
  browsePlans(zip: string, planYear: number, ages: readonly number[]): Promise<Answer> {
    return this.get(`/api/v1/plans?zip=${encodeURIComponent(zip)}&planYear=${planYear}&ages=${ages.join(',')}`, REQUESTS.browsePlans);
  }

  async createAccount(email: string): Promise<Answer> {
    const answer = await this.post('/api/v1/accounts', REQUESTS.createAccount, { email, password: SYNTHETIC_PASSWORD });
    if (answer.status === 201) this.setToken(stringField(answer.body, 'token') ?? '');
    return answer;
  }

  /** A returning consumer signs in to the account made earlier. */
  async logIn(email: string): Promise<Answer> {
    const answer = await this.post('/api/v1/sessions', REQUESTS.logIn, { email, password: SYNTHETIC_PASSWORD });
    if (answer.status === 200) this.setToken(stringField(answer.body, 'token') ?? '');
    return answer;
  }

  myEnrollments(): Promise<Answer> {
    return this.get('/api/v1/enrollments', REQUESTS.myEnrollments);
  }

  submitApplication(household: Household, planYear: number): Promise<Answer> {
    return this.post('/api/v1/applications', REQUESTS.submitApplication, applicationBody(household, planYear));
  }

  determineEligibility(applicationId: string): Promise<Answer> {
    return this.post(`/api/v1/applications/${encodeURIComponent(applicationId)}/eligibility`, REQUESTS.determineEligibility, {});
  }

  /** The consumer looks at its plans; the journey reads only the status, so the body is not kept. */
  listPlans(applicationId: string): Promise<Answer> {
    return this.get(`/api/v1/applications/${encodeURIComponent(applicationId)}/plans`, REQUESTS.listPlans, false);
  }

  enroll(applicationId: string, planId: string): Promise<Answer> {
    return this.post(`/api/v1/applications/${encodeURIComponent(applicationId)}/enrollments`, REQUESTS.enroll, { planId });
  }
}
