// What every security probe shares on the engine: recording its outcome (a check and two counters tagged with the
// probe class), requests whose 4xx answers are the expected refusals, and the accounts an
// attacker makes to probe with.

import type { JourneyContext } from '../../../engine/runtime.ts';
import { METRIC_NAMES } from '../../../vocabulary/metrics/journeys.ts';
import type { ProbeClass } from './probeClasses.ts';
import { jsonObjectOf, stringField, SYNTHETIC_PASSWORD, type JsonObject } from '../exchangeClient.ts';
import { REQUESTS } from '../../../vocabulary/requests.ts';

/** A probe's answer is a success for the load whether the exchange serves it or refuses it (4xx); a 5xx is a failure. */
const EXPECTED_REFUSALS = { min: 200, max: 499 };

export interface ProbeAnswer {
  /** 0 when no answer came. */
  status: number;
  text: string;
  body: JsonObject | undefined;
}

/** Records one probe: `got` true when the attack succeeded. Returns `got`. */
export function probe(context: JourneyContext, probeClass: ProbeClass, what: string, got: boolean): boolean {
  const tags = { probe: probeClass };
  context.counter(METRIC_NAMES.securityProbes, 1, tags);
  context.counter(METRIC_NAMES.securityProbesSucceeded, got ? 1 : 0, tags);
  context.check(`${probeClass}: ${what}`, !got, tags);
  return got;
}

/** A string field of the answer's body, or undefined. */
export const stringOf = (answer: ProbeAnswer, field: string): string | undefined => stringField(answer.body, field);

export const accepted = (answer: ProbeAnswer): boolean => answer.status >= 200 && answer.status < 300;
export const crashed = (answer: ProbeAnswer): boolean => answer.status >= 500 || answer.status === 0;

export interface SendOptions {
  token?: string;
  /** Raw header value; `null` sends no Content-Type. Default application/json. */
  contentType?: string | null;
  /** Authorization header as given (a malformed one), instead of `Bearer <token>`. */
  authorization?: string;
}

export class ProbeSender {
  private readonly context: JourneyContext;
  private readonly baseUrl: string;

  constructor(context: JourneyContext, baseUrl: string) {
    this.context = context;
    this.baseUrl = baseUrl;
  }

  /**
   * `route` is the request's name tag (its pattern), never the URL with ids or payloads. A byte body goes as its bytes
   * (invalid UTF-8 is what some probes are about, which no string can hold). A refusal (4xx) is what a probe expects,
   * so it does not count as a failed request.
   */
  async send(method: string, path: string, route: string, body: string | Uint8Array | null, options: SendOptions = {}): Promise<ProbeAnswer> {
    const headers: Record<string, string> = {};
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    else if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.context.request(method, `${this.baseUrl}${path}`, {
      name: route,
      headers,
      expectedStatuses: EXPECTED_REFUSALS,
      ...(body === null ? {} : { body }),
    });
    return { status: response.status, text: response.body, body: jsonObjectOf(response.body) };
  }

  json(method: string, path: string, route: string, body: unknown, token?: string): Promise<ProbeAnswer> {
    return this.send(method, path, route, JSON.stringify(body), { token });
  }
}

export interface Account {
  accountId: string;
  token: string;
  email: string;
}

export const PROBE_PASSWORD = SYNTHETIC_PASSWORD;

/** A fresh account for one probe class, so each class's requests are its own client (its own rate-limit key). */
export async function attackerAccount(sender: ProbeSender, email: string): Promise<Account | undefined> {
  const created = await sender.json('POST', '/api/v1/accounts', REQUESTS.createAccount, { email, password: PROBE_PASSWORD });
  const accountId = stringField(created.body, 'accountId');
  const token = stringField(created.body, 'token');
  if (created.status !== 201 || accountId === undefined || token === undefined) {
    console.warn(`security: could not create a probe account (${created.status}); this probe class is not run`);
    return undefined;
  }
  return { accountId, token, email };
}
