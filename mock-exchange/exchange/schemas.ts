// Request bodies the exchange accepts, validated with zod; a 400 names the bad field.

import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as CCYY-MM-DD');

export const memberSchema = z.object({
  firstName: z.string().min(1).max(60),
  lastName: z.string().min(1).max(60),
  dob: isoDate,
  sex: z.enum(['M', 'F']),
  relationship: z.enum(['self', 'spouse', 'child']),
  ssn: z.string().regex(/^\d{9}$/, 'nine digits'),
  tobacco: z.boolean(),
});

export const householdSchema = z.object({
  state: z.string().regex(/^[A-Z]{2}$/, 'a two-letter state code'),
  countyFips: z.string().regex(/^\d{5}$/, 'a five-digit county FIPS code'),
  zip: z.string().regex(/^\d{5}$/, 'a five-digit ZIP code'),
  city: z.string().min(1).max(60),
  street: z.string().min(1).max(100),
  phone: z.string().regex(/^\d{10}$/, 'ten digits'),
  email: z.string().email().max(254),
  householdIncome: z.number().nonnegative().max(100_000_000),
  members: z.array(memberSchema).min(1).max(12),
});

const planYear = z.union([z.literal(2025), z.literal(2026)]);

export const accountSchema = z.object({ email: z.string().email().max(254), password: z.string().min(8).max(200) });
export const applicationSchema = z.object({ planYear, household: householdSchema });
export const enrollmentSchema = z.object({ planId: z.string().regex(/^\d{5}[A-Z]{2}\d{7}$/, 'a 14-character plan id') });

/** GET /api/v1/plans?zip=99501&planYear=2026&ages=40,38,10[&countyFips=02020] */
export const browseQuerySchema = z.object({
  zip: z.string().regex(/^\d{5}$/, 'a five-digit ZIP code'),
  countyFips: z.string().regex(/^\d{5}$/, 'a five-digit county FIPS code').optional(),
  planYear: z.coerce.number().pipe(planYear),
  ages: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3}){0,11}$/, 'comma-separated ages in whole years, the subscriber first, at most 12')
    .transform((text) => text.split(',').map(Number))
    .refine((ages) => ages.every((a) => a <= 120), 'ages of at most 120'),
});

/** `ttlSeconds`: a token shorter-lived than the exchange's own 30 minutes (a shared kiosk; the security profile's expired token). */
export const loginSchema = z.object({ email: z.string().email().max(254), password: z.string().min(1).max(200), ttlSeconds: z.number().int().min(1).max(1800).optional() });

export type HouseholdInput = z.infer<typeof householdSchema>;

/** "members.0.dob: a date as CCYY-MM-DD" — the first problems, by field path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}
