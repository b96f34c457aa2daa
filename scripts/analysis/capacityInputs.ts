// A capacity analysis's inputs and its core: load points from a stress run folder (or a CSV), the USL fit and the
// plan. Shared by `harness capacity` and the analysis benchmark.

import { readFileSync } from 'node:fs';
import { median } from 'simple-statistics';
import { LAUNCH_DAY_USERS, planCapacity, REQUESTS_PER_JOURNEY, type CapacityPlan, type LatencyPoint } from '../../analysis/capacityPlan.ts';
import { PointsFileError, parsePointsCsv } from '../../analysis/pointsCsv.ts';
import { fitUsl, type LoadPoint, type UslFit } from '../../analysis/usl.ts';
import { loadLevels, type LoadLevel } from '../../analysis/windows.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { readRunSamples } from './readRunSamples.ts';
import { requireRunFolder } from './runInputs.ts';

export interface Measured {
  source: string;
  load: LoadPoint[];
  latency: LatencyPoint[];
  levels?: LoadLevel[];
  loadThinkSeconds: number;
  requestsPerJourney: number;
}

export function fromCsv(file: string, requestsPerJourney: number): Measured {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--points ${file}`, 'a readable CSV file', `Check the path (${(error as NodeJS.ErrnoException).code}).`);
  }
  try {
    const { load, latency } = parsePointsCsv(text);
    return { source: file, load, latency, loadThinkSeconds: 0, requestsPerJourney };
  } catch (error) {
    if (error instanceof PointsFileError)
      throw new UsageError(
        `--points ${file}`,
        'a CSV with the header `concurrency,throughput` (optionally `,p95_ms`) and one row per load level',
        `${error.message}.`,
      );
    throw error;
  }
}

/** Load points of a stress run folder: one per user count its samples held. */
export function fromRun(runDir: string): Measured {
  const samples = readRunSamples(requireRunFolder(runDir));
  // Throughput counts requests (pages), the unit of the latency SLO and of Little's law for users.
  const levels = loadLevels({ vus: samples.vus, completions: samples.requests.time, requests: samples.requests, endMs: samples.end, minSeconds: 2 });
  if (levels.length < 3) {
    throw new UsageError(
      runFile(runDir, 'loadSeconds'),
      'a step load holding 3 or more VU counts for 2 s or more each',
      `It holds ${levels.length} (${levels.map((l) => `${l.concurrency} VUs`).join(', ') || 'none'}). Run \`harness run stress\` for the capacity fit.`,
    );
  }
  // Little's law per level, N = X·(R + Z), gives the think time the load had between requests (0 in a stress run).
  const loadThinkSeconds = median(levels.map((l) => Math.max(0, l.concurrency / l.throughput - l.meanMs / 1000)));
  return {
    source: runDir,
    load: levels.map((l) => ({ concurrency: l.concurrency, throughput: l.throughput })),
    latency: levels.map((l) => ({ concurrency: l.concurrency, p95Ms: l.p95Ms })),
    levels,
    loadThinkSeconds,
    requestsPerJourney: samples.iterations.length > 0 ? samples.requests.time.length / samples.iterations.length : REQUESTS_PER_JOURNEY,
  };
}

/** The USL fit of the measured points and the plan from it; `input` names the source in errors. */
export function fitAndPlan(measured: Measured, targets: Targets, input: string, instances?: number): { fit: UslFit; plan: CapacityPlan } {
  let fit: UslFit;
  try {
    fit = fitUsl(measured.load);
  } catch (error) {
    throw new UsageError(input, 'load points the USL can be fitted to', `${(error as Error).message}.`);
  }
  const plan = planCapacity({
    fit,
    latency: measured.latency,
    sloP95Ms: targets.slo.p95Ms,
    thinkTimeSeconds: targets.thinkTimeSeconds,
    loadThinkSeconds: measured.loadThinkSeconds,
    requestsPerJourney: measured.requestsPerJourney,
    loads: [targets.concurrentUsers, LAUNCH_DAY_USERS],
    ...(instances === undefined ? {} : { instances }),
  });
  return { fit, plan };
}
