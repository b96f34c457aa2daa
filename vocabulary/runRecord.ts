// run.json: what a run was asked to do and how it went, written once by `harness run` (scripts/run/pipeline.ts) and
// read by the gate, the report, compare and `dashboards verify`. One zod schema for the writer and every reader.
// Fields that runs of earlier versions did not record are optional, so their folders still read.

import { z } from 'zod';

const count = (what: string) => z.number({ error: `expected ${what}` });

export const runRecordSchema = z.looseObject({
  runId: z.string({ error: 'expected a string' }),
  profile: z.string({ error: 'expected a string' }),
  /** Applicants generated for the run. */
  count: count('the number of applicants'),
  targetsFile: z.string().optional(),
  /** The fault switches as given (`--faults`), `''` for none. */
  faults: z.string().optional(),
  /** The nemesis spec (`--nemesis`), as given. */
  nemesis: z.string().optional(),
  seed: z.number().optional(),
  scale: z.number().optional(),
  /** `--duration` in seconds when given (the profile spread its stages over it). */
  durationSeconds: z.number().nullable().optional(),
  shards: z.number().optional(),
  /** `harness collect`: the shard folders this run's results were merged from. */
  collectedFrom: z.array(z.string()).optional(),
  /** `run --base-url`: the exchange under test, one the harness did not start (no insurer's side to reconcile in the run). */
  baseUrl: z.string().optional(),
  /** `run --journeys`: the user's own journey module (confirmations are recorded, not gated). */
  journeys: z.string().optional(),
  thinkTimeSeconds: z.number().optional(),
  /** Enrollments a healthy run confirms; null in a run by time. Runs before profiles had plans lack it: every applicant. */
  intendedEnrollments: z.number({ error: 'expected a number or null' }).nullable().optional(),
  /** Arrival-rate profiles: the dropped iterations the run allowed; null or absent otherwise. */
  maxDroppedIterations: z.number().nullable().optional(),
  /** The engine's load plan (engine/plan.ts LoadPlan), checked where it is drawn (report/scenarioPlan.ts). */
  plan: z.unknown().optional(),
  planYear: z.number().optional(),
  /** ISO 8601 times of the run's start and end. */
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** The load generator: `harness engine`. */
  load: z.string().optional(),
  /** The load's own exit code (written since the gate can be re-run; older runs lack it). */
  loadExitCode: z.number({ error: 'expected a number' }).optional(),
  /** The run was stopped by a signal before its plan ended. */
  interrupted: z.boolean().optional(),
  node: z.string().optional(),
  harness: z.string().optional(),
  machine: z.string().optional(),
  /** Where the run's metrics went, and the testid label they carry. */
  metrics: z
    .object({
      description: z.string().optional(),
      testid: z.string(),
      prometheusDir: z.string().nullable(),
      dataDir: z.string().nullable().optional(),
    })
    .optional(),
});

export type RunRecord = z.infer<typeof runRecordSchema>;

/** Problems with the shape of a run record, as "field: what is wrong" (empty when fine). */
export function runRecordProblems(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['(top level): expected a JSON object'];
  const parsed = runRecordSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
}

/** The record `harness run` writes: checked against the schema, so the writer cannot drift from the readers. */
export function runRecordJson(record: RunRecord): string {
  return `${JSON.stringify(runRecordSchema.parse(record), null, 2)}\n`;
}
