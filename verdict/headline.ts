// The capacity headline: what a capacity review asks first — the load reached against the target, what was scaled
// or shortened, latency and errors against their SLOs, enrollments confirmed and received intact, defects. One pure
// function from a run's figures to lines; the terminal, summary.md and the report all show these lines.

import type { Targets } from '../vocabulary/targets.ts';
import type { LoadSummary } from './loadSummary.ts';
import { metricValue } from './loadSummary.ts';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import { INTERRUPTED_EXIT_CODE } from './gate.ts';

export interface HeadlineFacts {
  profile: string;
  /** --scale, when the run recorded it. */
  scale?: number;
  targets: Pick<Targets, 'concurrentUsers' | 'thinkTimeSeconds' | 'slo'>;
  /** The think time the run's journeys used (run.json), when recorded. */
  thinkTimeSeconds?: number;
  /** Seconds the load plan meant to run, before any graceful stop. */
  plannedSeconds?: number;
  /** The plan's seconds are a cap (a fixed number of journeys, at most this long), not its length. */
  plannedSecondsCap?: boolean;
  /** Ctrl-C or SIGTERM stopped the load. */
  interrupted: boolean;
  /** The load engine's figures; undefined when the load left no summary. */
  load?: {
    seconds: number;
    /** The most users (journeys in flight, or closed-model users) at once. */
    peakUsers?: number;
    journeys?: number;
    requests?: number;
    p95Ms?: number;
    p99Ms?: number;
    /** Failed requests as a share (0.01 = 1 %). */
    errorShare?: number;
  };
  /** Reconciliation's figures; undefined when the run was not reconciled. */
  enrollments?: { intended?: number; confirmed: number; intact: number; defects: Record<string, number> };
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
/** Three significant figures at most, thousands separated: 4.22, 42.2, 1,234. */
const num = (n: number): string => (Math.abs(n) >= 100 ? int(n) : Number(n.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 }));
const seconds = (s: number): string => `${num(s)} s`;
const percent = (share: number): string => `${num(share * 100)} %`;

/** What was scaled or shortened, in words. */
function shrunk(facts: HeadlineFacts): string[] {
  const said: string[] = [];
  if (facts.scale !== undefined) said.push(`scale ${facts.scale}`);
  const think = facts.thinkTimeSeconds;
  const target = facts.targets.thinkTimeSeconds;
  if (think !== undefined && think < target)
    said.push(think === 0 ? `no think time, against the target's ${seconds(target)}` : `think time cut from ${seconds(target)} to ${seconds(think)}`);
  return said;
}

function usersLine(facts: HeadlineFacts): string {
  const target = int(facts.targets.concurrentUsers);
  const peak = facts.load?.peakUsers;
  const what = peak === undefined ? `users: not measured (the target: ${target} users)` : `users: tested ${int(peak)} of ${target} users at once`;
  const said = shrunk(facts);
  return said.length > 0 ? `${what} (${said.join(', ')})` : what;
}

function durationLine(facts: HeadlineFacts): string {
  const planned =
    facts.plannedSeconds === undefined
      ? ''
      : facts.plannedSecondsCap
        ? ` (the plan allows at most ${seconds(facts.plannedSeconds)})`
        : ` of ${seconds(facts.plannedSeconds)} planned`;
  const ran = facts.load ? seconds(facts.load.seconds) : 'not measured (no load summary)';
  if (!facts.load) return facts.interrupted ? `ran: ${ran}, then INTERRUPTED (Ctrl-C or SIGTERM)` : `ran: ${ran}`;
  return facts.interrupted ? `ran: ${ran}${planned}, then INTERRUPTED (Ctrl-C or SIGTERM): the figures cover what ran` : `ran: ${ran}${planned}`;
}

function throughputLine(load: NonNullable<HeadlineFacts['load']>): string {
  const rate = (count: number | undefined, what: string): string =>
    count === undefined ? `${what}/s not measured` : `${num(load.seconds > 0 ? count / load.seconds : 0)} ${what}/s (${int(count)})`;
  return `throughput: ${rate(load.journeys, 'journeys')}, ${rate(load.requests, 'requests')}`;
}

function latencyLine(facts: HeadlineFacts, load: NonNullable<HeadlineFacts['load']>): string {
  const { slo } = facts.targets;
  const ms = (value: number | undefined, target: number): string => `${value === undefined ? 'not measured' : `${num(value)} ms`} against ${int(target)} ms`;
  const errors = load.errorShare === undefined ? 'not measured' : percent(load.errorShare);
  return `latency: p95 ${ms(load.p95Ms, slo.p95Ms)}, p99 ${ms(load.p99Ms, slo.p99Ms)}; errors ${errors} against ${percent(slo.errorRate)}`;
}

function enrollmentLines(enrollments: HeadlineFacts['enrollments']): string[] {
  if (!enrollments) return ['enrollments: not reconciled', 'defects: not reconciled'];
  const intended = enrollments.intended === undefined ? '' : ` (of ${int(enrollments.intended)} intended)`;
  const found = Object.entries(enrollments.defects).filter(([, n]) => n > 0);
  const total = found.reduce((sum, [, n]) => sum + n, 0);
  return [
    `enrollments: ${int(enrollments.confirmed)} confirmed to consumers, ${int(enrollments.intact)} received intact by the insurer${intended}`,
    found.length === 0 ? 'defects: none' : `defects: ${int(total)} (${found.map(([name, n]) => `${name} ${int(n)}`).join(', ')})`,
  ];
}

/** The headline's lines, each "what: figures", in the order a capacity review reads them. */
export function capacityHeadline(facts: HeadlineFacts): string[] {
  const lines = [usersLine(facts), durationLine(facts)];
  if (facts.load) lines.push(throughputLine(facts.load), latencyLine(facts, facts.load));
  else lines.push('throughput: not measured (no load summary)', 'latency: not measured (no load summary)');
  return [...lines, ...enrollmentLines(facts.enrollments)];
}

/** The parts of run.json the headline reads. */
export interface HeadlineRun {
  profile?: unknown;
  scale?: unknown;
  thinkTimeSeconds?: unknown;
  interrupted?: unknown;
  loadExitCode?: unknown;
  plan?: unknown;
  intendedEnrollments?: unknown;
}

/** The parts of load-summary.json the headline reads beyond the metrics. */
export type HeadlineSummary = LoadSummary & { durationSeconds?: number; plan?: { executor?: unknown } };

const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Seconds an executor plans to run, read from a recorded plan (engine/plan.ts plannedSeconds, without trusting the
 * file); `cap` when they bound a fixed number of journeys rather than set the run's length.
 */
function plannedSecondsOf(plan: unknown): { seconds: number; cap: boolean } | undefined {
  const executor = (plan as { executor?: Record<string, unknown> } | undefined)?.executor;
  if (!executor || typeof executor !== 'object') return undefined;
  if (executor.executor === 'shared-iterations') return typeof executor.maxSeconds === 'number' ? { seconds: executor.maxSeconds, cap: true } : undefined;
  if (typeof executor.seconds === 'number') return { seconds: executor.seconds, cap: false };
  if (Array.isArray(executor.stages))
    return { seconds: executor.stages.reduce((sum: number, stage: { seconds?: unknown }) => sum + (numberOr(stage.seconds) ?? 0), 0), cap: false };
  return undefined;
}

/** The headline's facts from what a run folder holds: run.json, load-summary.json, reconciliation.json and the targets. */
export function headlineFactsOf(input: {
  run: HeadlineRun;
  summary: HeadlineSummary | undefined;
  reconciliation: { enrollments: { intended?: number; confirmed: number; intact: number }; classes: Record<string, number> } | undefined;
  targets: HeadlineFacts['targets'];
}): HeadlineFacts {
  const { run, summary, reconciliation } = input;
  const value = (metric: string, stat: string): number | undefined => (summary ? metricValue(summary, metric, stat) : undefined);
  const planned = plannedSecondsOf(run.plan) ?? plannedSecondsOf(summary?.plan);
  return {
    profile: typeof run.profile === 'string' ? run.profile : 'unknown',
    scale: numberOr(run.scale),
    targets: input.targets,
    thinkTimeSeconds: numberOr(run.thinkTimeSeconds),
    plannedSeconds: planned?.seconds,
    ...(planned?.cap ? { plannedSecondsCap: true } : {}),
    // The load's outcome decides, as it does the verdict's: a Ctrl-C after the load ended stopped nothing it measured.
    interrupted: typeof run.loadExitCode === 'number' ? run.loadExitCode === INTERRUPTED_EXIT_CODE : run.interrupted === true,
    load: summary
      ? {
          seconds: numberOr(summary.durationSeconds) ?? 0,
          peakUsers: value(ENGINE_METRICS.activeUsers, 'max'),
          journeys: value(ENGINE_METRICS.journeys, 'count'),
          requests: value(ENGINE_METRICS.requests, 'count'),
          p95Ms: value(ENGINE_METRICS.requestDuration, 'p(95)'),
          p99Ms: value(ENGINE_METRICS.requestDuration, 'p(99)'),
          errorShare: value(ENGINE_METRICS.requestFailed, 'rate'),
        }
      : undefined,
    enrollments: reconciliation
      ? {
          intended: reconciliation.enrollments.intended ?? numberOr(run.intendedEnrollments),
          confirmed: reconciliation.enrollments.confirmed,
          intact: reconciliation.enrollments.intact,
          defects: reconciliation.classes ?? {},
        }
      : undefined,
  };
}
