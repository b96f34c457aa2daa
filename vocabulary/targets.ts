// The targets file's schema: every capacity and quality target, validated with clear errors.

import { z } from 'zod';
import { JOURNEY_KINDS, type JourneyKind } from './journeys.ts';

const share = z.number().min(0).max(1);
/** Shares of arriving consumers per journey; they must add up to 1 (a rounding slack of 0.001). */
const funnelSchema = z
  .object(Object.fromEntries(JOURNEY_KINDS.map((kind) => [kind, share])) as Record<JourneyKind, typeof share>)
  .strict()
  .refine((mix) => Math.abs(JOURNEY_KINDS.reduce((sum, kind) => sum + mix[kind], 0) - 1) <= 0.001, {
    message: `the shares of ${JOURNEY_KINDS.join(', ')} must add up to 1`,
  });

export const targetsSchema = z
  .object({
    concurrentUsers: z.number().int().positive(),
    enrollmentsPerHour: z.number().positive(),
    thinkTimeSeconds: z.number().nonnegative(),
    plannedResponseMs: z.number().positive(),
    funnel: funnelSchema,
    slo: z
      .object({
        p95Ms: z.number().positive(),
        p99Ms: z.number().positive(),
        errorRate: z.number().min(0).max(1),
        waitingRoomWaitSeconds: z.number().positive(),
      })
      .strict(),
    integrity: z
      .object({
        maxDefects: z.number().int().nonnegative(),
        maxOracleMismatches: z.number().int().nonnegative(),
        deliveryDeadlineSeconds: z.number().positive(),
      })
      .strict(),
  })
  .strict();

export type Targets = z.infer<typeof targetsSchema>;
