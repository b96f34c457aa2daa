// Probes of what the exchange accepts: injection strings in every text field, oversized bodies, bodies that are not
// a JSON object, and JSON sent as other content types. A refusal (4xx) is the expected answer; a 5xx is a crash.

import type { Household } from '../../../domain/household.ts';
import type { JourneyContext } from '../../../engine/runtime.ts';
import { applicationBody } from '../exchangeClient.ts';
import { accepted, attackerAccount, crashed, probe, PROBE_PASSWORD, stringOf, type ProbeAnswer, type ProbeSender } from './probeKit.ts';
import { REQUESTS } from '../../../vocabulary/requests.ts';

/** SQL, script, template and path injection, and characters that break naive string handling. */
export const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE applications; --',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '\u0000\u202e\ud800',
] as const;

type ApplicationBody = ReturnType<typeof applicationBody>;
type HouseholdField = keyof ApplicationBody['household'];
type MemberField = 'firstName' | 'lastName' | 'dob' | 'sex' | 'relationship' | 'ssn';

/** Text fields with a format (a code, a number, a date): an injection string accepted there was never validated. */
const FORMATTED_HOUSEHOLD: HouseholdField[] = ['state', 'countyFips', 'zip', 'phone', 'email'];
const FORMATTED_MEMBER: MemberField[] = ['dob', 'sex', 'relationship', 'ssn'];
/** Free text: any string may be someone's name or street, so only a crash counts. */
const FREE_HOUSEHOLD: HouseholdField[] = ['city', 'street'];
const FREE_MEMBER: MemberField[] = ['firstName', 'lastName'];

const APPLICATIONS = REQUESTS.submitApplication;

function withHouseholdField(base: ApplicationBody, field: HouseholdField, value: string): ApplicationBody {
  return { ...base, household: { ...base.household, [field]: value } };
}

function withMemberField(base: ApplicationBody, field: MemberField, value: string): ApplicationBody {
  const [first, ...rest] = base.household.members;
  return { ...base, household: { ...base.household, members: [{ ...first!, [field]: value }, ...rest] } };
}

export async function injectionProbes(context: JourneyContext, sender: ProbeSender, household: Household, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const base = applicationBody(household, household.expected.planYear);
  const own = await sender.json('POST', '/api/v1/applications', APPLICATIONS, base, attacker.token);
  const ownId = (own.status === 201 ? stringOf(own, 'applicationId') : undefined) ?? 'none';
  const fields: [string, (value: string) => ApplicationBody, boolean][] = [
    ...FORMATTED_HOUSEHOLD.map((f): [string, (v: string) => ApplicationBody, boolean] => [`household.${f}`, (v) => withHouseholdField(base, f, v), true]),
    ...FREE_HOUSEHOLD.map((f): [string, (v: string) => ApplicationBody, boolean] => [`household.${f}`, (v) => withHouseholdField(base, f, v), false]),
    ...FORMATTED_MEMBER.map((f): [string, (v: string) => ApplicationBody, boolean] => [`members.0.${f}`, (v) => withMemberField(base, f, v), true]),
    ...FREE_MEMBER.map((f): [string, (v: string) => ApplicationBody, boolean] => [`members.0.${f}`, (v) => withMemberField(base, f, v), false]),
  ];
  for (const [field, build, formatted] of fields) {
    for (const payload of INJECTIONS) {
      const answer = await sender.json('POST', '/api/v1/applications', APPLICATIONS, build(payload), attacker.token);
      probe(context, 'injection', `${field} ${formatted ? 'refuses' : 'survives'} an injection string`, crashed(answer) || (formatted && accepted(answer)));
    }
  }
  for (const payload of INJECTIONS) {
    // A lone surrogate cannot be percent-encoded: in a URL it stands as U+FFFD.
    const value = encodeURIComponent(payload.replace(/[\ud800-\udfff]/g, '\ufffd'));
    const formatted: [string, () => Promise<ProbeAnswer>][] = [
      ['planId', () => sender.json('POST', `/api/v1/applications/${ownId}/enrollments`, REQUESTS.enroll, { planId: payload }, attacker.token)],
      ['account e-mail', () => sender.json('POST', '/api/v1/accounts', REQUESTS.createAccount, { email: payload, password: PROBE_PASSWORD })],
      ['browse zip', () => sender.send('GET', `/api/v1/plans?zip=${value}&planYear=${household.expected.planYear}&ages=40`, REQUESTS.browsePlans, null)],
      [
        'browse ages',
        () => sender.send('GET', `/api/v1/plans?zip=${household.zip}&planYear=${household.expected.planYear}&ages=${value}`, REQUESTS.browsePlans, null),
      ],
    ];
    for (const [field, send] of formatted) {
      const answer = await send();
      probe(context, 'injection', `${field} refuses an injection string`, crashed(answer) || accepted(answer));
    }
    const byId = await sender.send('GET', `/api/v1/applications/${value}/plans`, REQUESTS.listPlans, null, { token: attacker.token });
    probe(context, 'injection', 'an application id survives an injection string', crashed(byId) || accepted(byId));
  }
}

/** Far over the exchange's JSON body limit (64 KiB on the mock); sent once per route, so the probe stays small. */
const OVERSIZED_BYTES = 1024 * 1024;

export async function oversizedBodyProbes(context: JourneyContext, sender: ProbeSender, household: Household, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const padding = 'x'.repeat(OVERSIZED_BYTES);
  const application = { ...applicationBody(household, household.expected.planYear), notes: padding };
  const answers: [string, ProbeAnswer][] = [
    ['an application', await sender.json('POST', '/api/v1/applications', APPLICATIONS, application, attacker.token)],
    ['an account', await sender.json('POST', '/api/v1/accounts', REQUESTS.createAccount, { email: `big.${email}`, password: PROBE_PASSWORD, notes: padding })],
  ];
  for (const [what, answer] of answers) probe(context, 'oversized_body', `${what} of 1 MiB is refused`, accepted(answer) || crashed(answer));
}

const MALFORMED: [string, string | Uint8Array][] = [
  ['truncated JSON', '{"planYear": 2026, "household": {"state": "VA"'],
  ['text that is not JSON', 'planYear=2026&household=everything'],
  ['a JSON array', '[]'],
  ['JSON null', 'null'],
  ['a JSON string', '"application"'],
  ['a JSON number', '2026'],
  ['two JSON documents', '{"planYear":2026}{"planYear":2026}'],
  ['deeply nested arrays', `${'['.repeat(10_000)}${']'.repeat(10_000)}`],
  ['binary bytes', new Uint8Array([0x00, 0x01, 0xfe, 0xff, 0x7b, 0x22, 0x00, 0x80, 0x9c])],
  ['invalid UTF-8 in a string', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])],
  ['an empty body', ''],
];

export async function malformedBodyProbes(context: JourneyContext, sender: ProbeSender, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  for (const [what, body] of MALFORMED) {
    const answer = await sender.send('POST', '/api/v1/applications', APPLICATIONS, body, { token: attacker.token });
    probe(context, 'malformed_body', `${what} is refused`, accepted(answer) || crashed(answer));
  }
}

const OTHER_CONTENT_TYPES: [string, string | null][] = [
  ['text/plain', 'text/plain'],
  ['a form', 'application/x-www-form-urlencoded'],
  ['XML', 'application/xml'],
  ['multipart', 'multipart/form-data; boundary=probe'],
  ['no content type', null],
];

export async function contentTypeProbes(context: JourneyContext, sender: ProbeSender, household: Household, email: string): Promise<void> {
  const attacker = await attackerAccount(sender, email);
  if (!attacker) return;
  const body = JSON.stringify(applicationBody(household, household.expected.planYear));
  for (const [what, contentType] of OTHER_CONTENT_TYPES) {
    const answer = await sender.send('POST', '/api/v1/applications', APPLICATIONS, body, { token: attacker.token, contentType });
    probe(context, 'content_type', `an application sent as ${what} is refused`, accepted(answer) || crashed(answer));
  }
}
