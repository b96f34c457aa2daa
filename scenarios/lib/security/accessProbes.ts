// Probes of who may touch an applicant's resources: another account (cross_account), no token, an expired or a
// forged token, and whether another account's id answers differently from a missing one (enumeration).

import { sleep } from 'k6';
import { accepted, attackerAccount, probe, type Account, type Answer, ProbeSender } from './probeKit.ts';
import type { ProbeClass } from './probeClasses.ts';
import type { Victim } from './victim.ts';

interface Action {
  what: string;
  method: string;
  path: string;
  route: string;
  body: string | null;
}

/** Reading and changing the victim's application and enrollment by id. */
function actionsOn(victim: Victim): Action[] {
  const changed = { planYear: victim.household.expected.planYear, household: { ...applicationHousehold(victim), street: '1 Changed By Someone Else St' } };
  return [
    { what: 'read its plans', method: 'GET', path: `/api/v1/applications/${victim.applicationId}/plans`, route: 'GET /api/v1/applications/:id/plans', body: null },
    { what: 'read its eligibility', method: 'POST', path: `/api/v1/applications/${victim.applicationId}/eligibility`, route: 'POST /api/v1/applications/:id/eligibility', body: '{}' },
    { what: 'read its enrollment', method: 'GET', path: `/api/v1/enrollments/${victim.confirmationNumber}`, route: 'GET /api/v1/enrollments/:confirmationNumber', body: null },
    { what: 'change its application', method: 'PUT', path: `/api/v1/applications/${victim.spareApplicationId}`, route: 'PUT /api/v1/applications/:id', body: JSON.stringify(changed) },
    { what: 'change its enrollment', method: 'POST', path: `/api/v1/applications/${victim.applicationId}/enrollments`, route: 'POST /api/v1/applications/:id/enrollments', body: JSON.stringify({ planId: victim.planId }) },
  ];
}

function applicationHousehold(victim: Victim) {
  const { state, countyFips, zip, city, street, phone, email, householdIncome, members } = victim.household;
  return { state, countyFips, zip, city, street, phone, email, householdIncome, members };
}

function attempt(sender: ProbeSender, probeClass: ProbeClass, victim: Victim, label: string, authorization: string | undefined): void {
  for (const action of actionsOn(victim)) {
    const answer = sender.send(action.method, action.path, action.route, action.body, authorization === undefined ? {} : { authorization });
    probe(probeClass, `${label} cannot ${action.what}`, accepted(answer));
  }
}

export function crossAccountProbes(baseUrl: string, victim: Victim, email: string): void {
  const sender = new ProbeSender(baseUrl, 'cross_account');
  const attacker = attackerAccount(sender, email);
  if (attacker) attempt(sender, 'cross_account', victim, 'another account', `Bearer ${attacker.token}`);
}

export function missingTokenProbes(baseUrl: string, victim: Victim): void {
  attempt(new ProbeSender(baseUrl, 'missing_token'), 'missing_token', victim, 'a request with no token', undefined);
}

const base64url = (length: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
};

/** Tokens that claim the victim's account without its signature: an attacker's own signature, none, a made-up one. */
export function forgedTokenProbes(baseUrl: string, victim: Victim, email: string): void {
  const sender = new ProbeSender(baseUrl, 'forged_token');
  const attacker = attackerAccount(sender, email);
  if (!attacker) return;
  const [, expires, signature] = attacker.token.split('.');
  const farFuture = String(Date.now() + 365 * 86_400_000);
  const forged: [string, string][] = [
    ["another account's signature", `${victim.account.accountId}.${expires}.${signature}`],
    ['an unsigned token', `${victim.account.accountId}.${farFuture}.`],
    ['a made-up signature', `${victim.account.accountId}.${farFuture}.${base64url(signature?.length ?? 43)}`],
  ];
  for (const [label, token] of forged) attempt(sender, 'forged_token', victim, `a token with ${label}`, `Bearer ${token}`);
}

/** The victim's own token, asked to live one second, used after it expired. Waits at most a few seconds for that. */
export function expiredTokenProbes(baseUrl: string, victim: Victim): void {
  const short = victim.shortToken;
  const waitMs = short ? short.expiresAtMs + 1_100 - Date.now() : Number.POSITIVE_INFINITY;
  if (!short || waitMs > 5_000) {
    console.warn('security: the exchange gave no token expiring within 5 s (POST /api/v1/sessions with ttlSeconds); expired_token not probed');
    return;
  }
  if (waitMs > 0) sleep(waitMs / 1000);
  attempt(new ProbeSender(baseUrl, 'expired_token'), 'expired_token', victim, 'an expired token', `Bearer ${short.token}`);
}

const randomId = (): string => `${base64url(8)}-${base64url(4)}-4${base64url(3)}-a${base64url(3)}-${base64url(12)}`.toLowerCase();
const randomConfirmation = (): string => `EN${Array.from({ length: 10 }, () => '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(Math.random() * 32)]).join('')}`;

const sameAnswer = (a: Answer, b: Answer): boolean => a.status === b.status && String(a.body) === String(b.body);

/** Another account's ids must answer exactly as ids that do not exist, or ids can be harvested. */
export function enumerationProbes(baseUrl: string, victim: Victim, email: string): void {
  const sender = new ProbeSender(baseUrl, 'enumeration');
  const attacker: Account | undefined = attackerAccount(sender, email);
  if (!attacker) return;
  const pairs: [string, string, string][] = [
    ['an application', `/api/v1/applications/${victim.applicationId}/plans`, `/api/v1/applications/${randomId()}/plans`],
    ['an enrollment', `/api/v1/enrollments/${victim.confirmationNumber}`, `/api/v1/enrollments/${randomConfirmation()}`],
  ];
  for (const [what, foreign, missing] of pairs) {
    const route = what === 'an application' ? 'GET /api/v1/applications/:id/plans' : 'GET /api/v1/enrollments/:confirmationNumber';
    const [a, b] = [sender.send('GET', foreign, route, null, { token: attacker.token }), sender.send('GET', missing, route, null, { token: attacker.token })];
    probe('enumeration', `${what} of another account answers as a missing one`, !sameAnswer(a, b));
  }
}
