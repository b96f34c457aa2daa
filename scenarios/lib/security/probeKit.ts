// What every security probe shares: recording its outcome (a check and two counters tagged with the probe class),
// requests whose 4xx answers are the expected refusals, and the accounts an attacker makes to probe with.

import { check } from 'k6';
import http, { type RefinedResponse, type ResponseType } from 'k6/http';
import { SYNTHETIC_PASSWORD } from '../exchangeClient.ts';
import { securityProbes, securityProbesSucceeded } from '../metrics.ts';
import type { ProbeClass } from './probeClasses.ts';

export type Answer = RefinedResponse<ResponseType | undefined>;

/** Records one probe: `got` true when the attack succeeded. Returns `got`. */
export function probe(probeClass: ProbeClass, what: string, got: boolean): boolean {
  securityProbes.add(1, { probe: probeClass });
  securityProbesSucceeded.add(got ? 1 : 0, { probe: probeClass });
  check(got, { [`${probeClass}: ${what}`]: (g) => !g }, { probe: probeClass });
  return got;
}

export const accepted = (r: Answer): boolean => r.status >= 200 && r.status < 300;
export const crashed = (r: Answer): boolean => r.status >= 500 || r.status === 0;

// A refusal (4xx) is what a probe expects, so only 5xx counts as a failed request in http_req_failed.
const expectRefusals = http.expectedStatuses({ min: 200, max: 499 });

export interface SendOptions {
  token?: string;
  /** Raw header value; `null` sends no Content-Type. Default application/json. */
  contentType?: string | null;
  /** Authorization header as given (a malformed one), instead of `Bearer <token>`. */
  authorization?: string;
}

export class ProbeSender {
  private readonly baseUrl: string;
  private readonly tag: ProbeClass | 'setup';

  /** `tag`: the probe class its requests belong to, or `setup` for the victim's own requests. */
  constructor(baseUrl: string, tag: ProbeClass | 'setup') {
    this.baseUrl = baseUrl;
    this.tag = tag;
  }

  /** `route` is the request's name tag (its pattern), never the URL with ids or payloads. */
  send(method: string, path: string, route: string, body: string | ArrayBuffer | null, options: SendOptions = {}): Answer {
    const headers: Record<string, string> = {};
    const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
    if (contentType !== null) headers['content-type'] = contentType;
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    else if (options.token) headers.authorization = `Bearer ${options.token}`;
    return http.request(method, `${this.baseUrl}${path}`, body, {
      headers,
      tags: { name: route, probe: this.tag },
      responseCallback: expectRefusals,
      timeout: '10s',
    });
  }

  json(method: string, path: string, route: string, body: unknown, token?: string): Answer {
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
export function attackerAccount(sender: ProbeSender, email: string): Account | undefined {
  const created = sender.json('POST', '/api/v1/accounts', 'POST /api/v1/accounts', { email, password: PROBE_PASSWORD });
  if (created.status !== 201) {
    console.warn(`security: could not create a probe account (${created.status}); this probe class is not run`);
    return undefined;
  }
  return { accountId: String(created.json('accountId')), token: String(created.json('token')), email };
}
