// The targets file's schema: every capacity and quality target, validated with clear errors.

import { z } from 'zod';

export const targetsSchema = z
  .object({
    concurrentUsers: z.number().int().positive(),
    enrollmentsPerHour: z.number().positive(),
    thinkTimeSeconds: z.number().nonnegative(),
    plannedResponseMs: z.number().positive(),
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
