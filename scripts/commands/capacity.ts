// `harness capacity --points FILE.csv | --run DIR [--json]`: fits the Universal Scalability Law to load points,
// finds the latency knee, and plans instances and waiting-room waits for the target and for launch day.

import type { Command } from 'commander';
import { REQUESTS_PER_JOURNEY, type CapacityPlan } from '../../analysis/capacityPlan.ts';
import { planRefusal, type PlanRefusal } from '../../analysis/planTrust.ts';
import type { UslFit } from '../../analysis/usl.ts';
import { fitAndPlan, fromCsv, fromRun, type Measured } from '../analysis/capacityInputs.ts';
import { DEFAULT_TARGETS_FILE, loadTargets } from '../targets/load.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { parseNumberOption } from './options.ts';

/** Below this R² the fit is flagged: the points are too noisy for σ, κ and N* to mean much. */
const POOR_FIT_R_SQUARED = 0.8;

const round = (v: number, digits = 3): number | null => (Number.isFinite(v) ? Number(v.toPrecision(digits + 3)) : null);

/**
 * `plan`: whether instances were planned and, when not, why (planTrust.ts): `plans` is then empty. The figures of one
 * instance (operatingConcurrency … usersPerInstance) stay: they are what the fit says, not a plan for a target.
 */
export function capacityJson(fit: UslFit, plan: CapacityPlan, measured: Measured, targets: Targets): Record<string, unknown> {
  const refusal = planRefusal(measured.load, fit.rSquared);
  return {
    sigma: fit.sigma,
    kappa: fit.kappa,
    lambda: fit.lambda,
    peakConcurrency: round(fit.peakConcurrency),
    maxThroughput: round(fit.maxThroughput),
    optimalConcurrency: round(fit.optimalConcurrency),
    rSquared: fit.rSquared,
    residuals: fit.residuals,
    points: measured.load.map((p, i) => ({ ...p, ...(measured.latency[i] ? { p95Ms: measured.latency[i]!.p95Ms } : {}) })),
    knee: plan.knee ?? null,
    operatingConcurrency: plan.operatingConcurrency,
    limitedBy: plan.limitedBy,
    throughputPerInstance: plan.throughputPerInstance,
    responseSeconds: plan.responseSeconds,
    usersPerInstance: plan.usersPerInstance,
    sessionSeconds: plan.sessionSeconds,
    assumptions: {
      thinkTimeSeconds: targets.thinkTimeSeconds,
      sloP95Ms: targets.slo.p95Ms,
      loadThinkSeconds: measured.loadThinkSeconds,
      requestsPerJourney: measured.requestsPerJourney,
    },
    plan: refusal ? { made: false, ...refusal } : { made: true },
    plans: refusal
      ? []
      : plan.plans.map((p) => ({
          ...p,
          instancesNeeded: round(p.instancesNeeded),
          fleetUsers: round(p.fleetUsers),
          expectedWaitSeconds: round(p.expectedWaitSeconds),
          withinWaitTarget: p.expectedWaitSeconds <= targets.slo.waitingRoomWaitSeconds,
        })),
  };
}

const noPlan = (refusal: PlanRefusal): string => `  no plan: ${refusal.reason} — ${refusal.detail}`;

function capacityTable(fit: UslFit, plan: CapacityPlan, measured: Measured, targets: Targets): string {
  const refusal = planRefusal(measured.load, fit.rSquared);
  const n = (v: number, digits = 1): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '∞');
  const points = measured.load.map(
    (p, i) =>
      `    N ${n(p.concurrency).padStart(6)}  X ${n(p.throughput).padStart(9)}/s${measured.latency[i] ? `  p95 ${n(measured.latency[i]!.p95Ms)} ms` : ''}  (fit ${n(p.throughput - fit.residuals[i]!)})`,
  );
  const plans = plan.plans.map((p) => {
    const wait = p.expectedWaitSeconds === 0 ? 'no wait' : `wait ≈ ${n(p.expectedWaitSeconds / 60)} min for ${n(p.queued, 0)} queued`;
    const mark = p.expectedWaitSeconds <= targets.slo.waitingRoomWaitSeconds ? '' : `  ✗ over the ${n(targets.slo.waitingRoomWaitSeconds / 60)} min target`;
    return `    ${n(p.users, 0).padStart(9)} users: ${n(p.instancesNeeded, 0)} instances needed; with ${n(p.fleet, 0)} (${n(p.fleetUsers, 0)} users): ${wait}${mark}`;
  });
  return [
    `capacity of ${measured.source}`,
    ...points,
    `  USL fit: σ ${fit.sigma.toPrecision(4)}  κ ${fit.kappa.toPrecision(4)}  λ ${fit.lambda.toPrecision(5)}/s  R² ${fit.rSquared.toFixed(4)}`,
    ...(fit.rSquared < POOR_FIT_R_SQUARED && !refusal
      ? [
          `  ✗ the USL explains little of these points (R² ${fit.rSquared.toFixed(2)}): throughput varied for other reasons than load (a busy machine?). Treat the plan below with care; re-run with longer steps on a quieter machine.`,
        ]
      : []),
    `  peak: N* ${n(fit.peakConcurrency)}  X(N*) ${n(fit.maxThroughput)}/s  (Nopt = 1/σ ${n(fit.optimalConcurrency)})`,
    `  latency knee (Kneedle): ${plan.knee ? `N ${n(plan.knee.concurrency)} at p95 ${n(plan.knee.p95Ms)} ms` : measured.latency.length > 0 ? 'none found' : 'no p95 measured'}`,
    `  one instance within p95 ≤ ${targets.slo.p95Ms} ms: N ${n(plan.operatingConcurrency)} (${plan.limitedBy}), ${n(plan.throughputPerInstance)} requests/s, ` +
      `${n(plan.usersPerInstance, 0)} users at ${targets.thinkTimeSeconds} s think time`,
    ...(refusal ? [noPlan(refusal)] : plans),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('capacity')
    .description('fit the Universal Scalability Law to load points and plan instances and waiting-room waits')
    .option('--points <file>', 'CSV with the header concurrency,throughput (optionally ,p95_ms)')
    .option('--run <dir>', 'a stress run folder: points from its per-second samples, one per step of users')
    .option('--targets <file>', 'the targets file (think time, SLO, concurrent users)', DEFAULT_TARGETS_FILE)
    .option('--instances <n>', 'fleet size the waiting-room wait assumes (default: what the target needs)')
    .option('--requests-per-journey <n>', `requests one user makes per journey, for --points (default ${REQUESTS_PER_JOURNEY})`)
    .option('--json', 'print the fit and the plan as JSON')
    .action(async (opts: { points?: string; run?: string; targets: string; instances?: string; requestsPerJourney?: string; json?: boolean }) => {
      if ((opts.points === undefined) === (opts.run === undefined)) {
        throw new UsageError('--points / --run', 'exactly one of them', 'Give a CSV of load points (--points FILE.csv) or a stress run folder (--run DIR).');
      }
      const targets = loadTargets(opts.targets);
      const perJourney = opts.requestsPerJourney ? parseNumberOption('--requests-per-journey', opts.requestsPerJourney, { min: 1 }) : REQUESTS_PER_JOURNEY;
      const measured = opts.points ? fromCsv(opts.points, perJourney) : fromRun(opts.run!);
      const instances = opts.instances ? parseNumberOption('--instances', opts.instances, { integer: true, min: 1 }) : undefined;
      const { fit, plan } = fitAndPlan(measured, targets, opts.points ? `--points ${opts.points}` : `--run ${opts.run}`, instances);
      process.stdout.write(
        opts.json ? `${JSON.stringify(capacityJson(fit, plan, measured, targets), null, 2)}\n` : `${capacityTable(fit, plan, measured, targets)}\n`,
      );
    });
}
