// Probes of who may touch an applicant's resources: another account (cross_account), no token, an expired or a
// forged token, and whether another account's id answers differently from a missing one (enumeration).

import type { JourneyContext } from '../../../engine/runtime.ts';
import type { ProbeClass } from './probeClasses.ts';
import { applicationBody } from '../exchangeClient.ts';
import { accepted, attackerAccount, probe, type ProbeAnswer, type ProbeSender } from './probeKit.ts';
import type { Victim } from './victim.ts';
import { REQUESTS } from '../../../vocabulary/requests.ts';

interface Action {
  what: string;
  method: string;
  path: string;
  route: string;
  body: string | null;
}

/** Reading and changing the victim's application and enrollment by id. */
function actionsOn(victim: Victim): Action[] {
  const own = applicationBody(victim.household, victim.household.expected.planYear);
  const changed = { ...own, household: { ...own.household, street: '1 Changed By Someone Else St' } };
  return [
    {
      what: 'read its plans',
      method: 'GET',
      path: `/api/v1/applications/${victim.applicationId}/plans`,
      route: REQUESTS.listPlans,
      body: null,
    },
    {
      what: 'read its eligibility',
      method: 'POST',
      path: `/api/v1/applications/${victim.applicationId}/eligibility`,
      route: REQUESTS.determineEligibility,
      body: '{}',
    },
    {
      what: 'read its enrollment',
      method: 'GET',
      path: `/api/v1/enrollments/${victim.confirmationNumber}`,
      route: REQUESTS.myEnrollment,
      body: null,
    },
    {
      what: 'change its application',
      method: 'PUT',
      path: `/api/v1/applications/${victim.spareApplicationId}`,
      route: REQUESTS.updateApplication,
      body: JSON.stringify(changed),
    },
    {
      what: 'change its enrollment',
      method: 'POST',
      path: `/api/v1/applications/${victim.applicationId}/enrollments`,
      route: REQUESTS.enroll,
      body: JSON.stringify({ planId: victim.planId }),
    },
  ];
}

async function attempt(
  context: JourneyContext,
  sender: ProbeSender,
  probeClass: ProbeClass,
  victim: Victim,
  label: string,
  authorization: string | undefined,
): Promise<void> {
  for (const action of actionsOn(victim)) {
    const answer = await sender.send(action.method, action.path, action.route, action.body, authorization === undefined ? {} : { authorization });
    probe(context, probeClass, `${label} cannot ${action.what}`, accepted(answer));
  }
}

export async function crossAccountProbes(context: JourneyContext, sender: ProbeSender, victim: Victim, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (attacker) await attempt(context, sender, 'cross_account', victim, 'another account', `Bearer ${attacker.token}`);
}

export async function missingTokenProbes(context: JourneyContext, sender: ProbeSender, victim: Victim): Promise<void> {
  await attempt(context, sender, 'missing_token', victim, 'a request with no token', undefined);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const randomText = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');

/** Tokens that claim the victim's account without its signature: an attacker's own signature, none, a made-up one. */
export async function forgedTokenProbes(context: JourneyContext, sender: ProbeSender, victim: Victim, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const [, expires, signature] = attacker.token.split('.');
  const farFuture = String(Date.now() + 365 * 86_400_000);
  const forged: [string, string][] = [
    ["another account's signature", `${victim.account.accountId}.${expires}.${signature}`],
    ['an unsigned token', `${victim.account.accountId}.${farFuture}.`],
    ['a made-up signature', `${victim.account.accountId}.${farFuture}.${randomText(BASE64URL, signature?.length ?? 43)}`],
  ];
  for (const [label, token] of forged) await attempt(context, sender, 'forged_token', victim, `a token with ${label}`, `Bearer ${token}`);
}

/** How long the expired-token probe waits at most for the victim's short token to expire. */
const EXPIRY_WAIT_LIMIT_MS = 5_000;

/** The victim's own token, asked to live one second, used after it expired. Waits at most a few seconds for that. */
export async function expiredTokenProbes(context: JourneyContext, sender: ProbeSender, victim: Victim): Promise<void> {
  const short = victim.shortToken;
  // The exchange's clock says when the token expires: wall-clock time, not the engine's monotonic one.
  const waitMs = short ? short.expiresAtMs + 1_100 - Date.now() : Number.POSITIVE_INFINITY;
  if (!short || waitMs > EXPIRY_WAIT_LIMIT_MS) {
    console.warn('security: the exchange gave no token expiring within 5 s (POST /api/v1/sessions with ttlSeconds); expired_token not probed');
    return;
  }
  if (waitMs > 0) await context.sleep(waitMs / 1000);
  await attempt(context, sender, 'expired_token', victim, 'an expired token', `Bearer ${short.token}`);
}

const randomId = (): string =>
  `${randomText(BASE64URL, 8)}-${randomText(BASE64URL, 4)}-4${randomText(BASE64URL, 3)}-a${randomText(BASE64URL, 3)}-${randomText(BASE64URL, 12)}`.toLowerCase();
const randomConfirmation = (): string => `EN${randomText('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', 10)}`;

const sameAnswer = (a: ProbeAnswer, b: ProbeAnswer): boolean => a.status === b.status && a.text === b.text;

/** Another account's ids must answer exactly as ids that do not exist, or ids can be harvested. */
export async function enumerationProbes(context: JourneyContext, sender: ProbeSender, victim: Victim, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const pairs: [string, string, string, string][] = [
    ['an application', REQUESTS.listPlans, `/api/v1/applications/${victim.applicationId}/plans`, `/api/v1/applications/${randomId()}/plans`],
    ['an enrollment', REQUESTS.myEnrollment, `/api/v1/enrollments/${victim.confirmationNumber}`, `/api/v1/enrollments/${randomConfirmation()}`],
  ];
  for (const [what, route, foreign, missing] of pairs) {
    const a = await sender.send('GET', foreign, route, null, { token: attacker.token });
    const b = await sender.send('GET', missing, route, null, { token: attacker.token });
    probe(context, 'enumeration', `${what} of another account answers as a missing one`, !sameAnswer(a, b));
  }
}
