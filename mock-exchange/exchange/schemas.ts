// Request bodies the exchange accepts, validated with zod; a 400 names the bad field.
// An application is accepted only if the back end can send it as an 834 the insurer will take: the exchange must
// never confirm what it cannot deliver (one subscriber, real dates, text free of the interchange's delimiters).

import { z } from 'zod';
import { planYearStartOf } from '../../domain/ageCurve.ts';
import { DELIMITERS, RELATIONSHIP_CODE } from '../../domain/edi834/vocabulary.ts';
import type { Relationship } from '../../domain/household.ts';
import { PLAN_YEARS } from '../../vocabulary/planYear.ts';

/** Oldest member the exchange takes, in whole years on the day coverage begins (browse takes the same). */
export const MAX_AGE_YEARS = 120;

/** A CCYY-MM-DD date that exists on the calendar (2026-02-31 does not). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as CCYY-MM-DD')
  .refine(isCalendarDate, 'a date that exists on the calendar (CCYY-MM-DD)');

/** The 834's delimiters as the builder writes them (domain/edi834/vocabulary.ts): the one list. */
const DELIMITER_LIST = Object.values(DELIMITERS).join(' ');
const DELIMITER_CLASS = new RegExp(
  `[${Object.values(DELIMITERS)
    .map((d) => `\\${d}`)
    .join('')}]`,
);
/** Control characters (NUL, CR, LF, DEL, C1) and lone UTF-16 surrogates (no UTF-8 can carry them). */
const UNSENDABLE = /[\p{Cc}\p{Cs}]/u;

/**
 * Free text that goes into an 834 element as it is: refused, never rewritten, when the back end could not send it
 * unchanged (the builder would turn a delimiter into a space and trim the ends, and the insurer store the changed text).
 */
const x12Text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((v) => !UNSENDABLE.test(v), 'no control characters (NUL, tab, line breaks) or broken Unicode')
    .refine((v) => !DELIMITER_CLASS.test(v), `none of the 834 delimiters ${DELIMITER_LIST}`)
    .refine((v) => v.trim() === v && v.length > 0, 'no spaces at the start or end, and not blank');

/** The relationships an 834 INS02 can carry: the builder's code list. */
const RELATIONSHIPS = Object.keys(RELATIONSHIP_CODE) as [Relationship, ...Relationship[]];

export const memberSchema = z.object({
  firstName: x12Text(60),
  lastName: x12Text(60),
  dob: isoDate,
  sex: z.enum(['M', 'F']),
  relationship: z.enum(RELATIONSHIPS),
  ssn: z.string().regex(/^\d{9}$/, 'nine digits'),
  tobacco: z.boolean(),
});

/** Exactly one subscriber (`self`, INS01 Y) and at most one spouse: what an insurer enrolls as one policy. */
function checkRelationships(members: readonly { relationship: string }[], context: z.RefinementCtx): void {
  const count = (r: Relationship): number => members.filter((m) => m.relationship === r).length;
  const selves = count('self');
  if (selves !== 1) {
    context.addIssue({ code: 'custom', path: ['members'], message: `exactly one member with relationship "self" (the subscriber), found ${selves}` });
  }
  const spouses = count('spouse');
  if (spouses > 1) context.addIssue({ code: 'custom', path: ['members'], message: `at most one member with relationship "spouse", found ${spouses}` });
}

export const householdSchema = z
  .object({
    state: z.string().regex(/^[A-Z]{2}$/, 'a two-letter state code'),
    countyFips: z.string().regex(/^\d{5}$/, 'a five-digit county FIPS code'),
    zip: z.string().regex(/^\d{5}$/, 'a five-digit ZIP code'),
    city: x12Text(60),
    street: x12Text(100),
    phone: z.string().regex(/^\d{10}$/, 'ten digits'),
    email: z.string().email().max(254),
    householdIncome: z.number().nonnegative().max(100_000_000),
    members: z.array(memberSchema).min(1).max(12),
  })
  .superRefine((household, context) => checkRelationships(household.members, context));

const planYear = z.union(PLAN_YEARS.map((year) => z.literal(year)));

/** Whole years on `onDate` (both CCYY-MM-DD). */
function yearsOn(dob: string, onDate: string): number {
  const age = Number(onDate.slice(0, 4)) - Number(dob.slice(0, 4));
  return onDate.slice(5) < dob.slice(5) ? age - 1 : age;
}

/**
 * The application, with dates of birth checked against `now` and the plan year: not in the future, not after the
 * plan year begins (premiums are rated by age on its first day, whenever coverage starts), and at most MAX_AGE_YEARS
 * old then.
 */
export function applicationSchemaAt(now: () => Date) {
  return z.object({ planYear, household: householdSchema }).superRefine((application, context) => {
    const today = now().toISOString().slice(0, 10);
    const ratedOn = planYearStartOf(application.planYear);
    application.household.members.forEach((member, i) => {
      const issue = (message: string): void => context.addIssue({ code: 'custom', path: ['household', 'members', i, 'dob'], message });
      if (member.dob > today) issue(`a date of birth not in the future (today is ${today})`);
      else if (member.dob > ratedOn) issue(`born on or before plan year ${application.planYear} begins (${ratedOn}, the day ages are rated on)`);
      else if (yearsOn(member.dob, ratedOn) > MAX_AGE_YEARS) issue(`at most ${MAX_AGE_YEARS} years old on ${ratedOn}: check the year`);
    });
  });
}

export const accountSchema = z.object({ email: z.string().email().max(254), password: z.string().min(8).max(200) });
/** The application schema on the real clock (the OpenAPI document and callers without a clock of their own). */
export const applicationSchema = applicationSchemaAt(() => new Date());
export const enrollmentSchema = z.object({ planId: z.string().regex(/^\d{5}[A-Z]{2}\d{7}$/, 'a 14-character plan id') });

/** GET /api/v1/plans?zip=99501&planYear=2026&ages=40,38,10[&countyFips=02020] */
export const browseQuerySchema = z.object({
  zip: z.string().regex(/^\d{5}$/, 'a five-digit ZIP code'),
  countyFips: z
    .string()
    .regex(/^\d{5}$/, 'a five-digit county FIPS code')
    .optional(),
  planYear: z.coerce.number().pipe(planYear),
  ages: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3}){0,11}$/, 'comma-separated ages in whole years, the subscriber first, at most 12')
    .transform((text) => text.split(',').map(Number))
    .refine((ages) => ages.every((a) => a <= MAX_AGE_YEARS), `ages of at most ${MAX_AGE_YEARS}`),
});

/** `ttlSeconds`: a token shorter-lived than the exchange's own 30 minutes (a shared kiosk; the security profile's expired token). */
export const loginSchema = z.object({
  email: z.string().email().max(254),
  password: z.string().min(1).max(200),
  ttlSeconds: z.number().int().min(1).max(1800).optional(),
});

export type HouseholdInput = z.infer<typeof householdSchema>;

/** "members.0.dob: a date as CCYY-MM-DD" — the first problems, by field path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
