// `harness hit`'s options → a load plan over the one-request journey, and the run's result → the figures it prints.
// Pure: the command is a thin shell around these.

import { ENGINE_METRICS } from '../../vocabulary/metrics/engine.ts';
import type { LoadPlan } from '../../engine/plan.ts';
import type { RunPlanResult } from '../../engine/runPlan.ts';
import type { HitOptions } from '../../engine/journeys/hit.ts';

export interface HitInput {
  url: string;
  method: string;
  durationSeconds: number;
  /** Open model: requests a second. */
  rate?: number;
  /** Closed model: users, each requesting then thinking `thinkSeconds`. */
  users?: number;
  thinkSeconds: number;
  /** Open model: requests in flight at most (default rate × 10 s). */
  maxInFlight?: number;
}

/** In-flight requests allowed per request a second: a target stalling this many seconds drops nothing. */
export const STALL_SECONDS_ABSORBED = 10;
/** Requests still in flight at the end get this long. */
const GRACEFUL_STOP_SECONDS = 10;

export function hitPlan(input: HitInput): { plan: LoadPlan; journeyOptions: HitOptions } {
  const executor: LoadPlan['executor'] =
    input.rate !== undefined
      ? {
          executor: 'constant-arrival-rate',
          rate: input.rate,
          seconds: input.durationSeconds,
          maxInFlight: input.maxInFlight ?? Math.max(1, Math.ceil(input.rate * STALL_SECONDS_ABSORBED)),
        }
      : { executor: 'constant-vus', users: input.users ?? 1, seconds: input.durationSeconds };
  return {
    plan: { executor, gracefulStopSeconds: GRACEFUL_STOP_SECONDS, thresholds: {} },
    journeyOptions: { url: input.url, method: input.method, thinkSeconds: input.rate !== undefined ? 0 : input.thinkSeconds },
  };
}

/** What `hit --json` prints. */
export interface HitFigures {
  requests: number;
  errors: number;
  dropped: number;
  rate: { planned: number | null; achieved: number };
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  startLagMs: { p99: number | null };
  /** Responses by status (0: no response). */
  statuses: Record<string, number>;
}

const round = (value: number | undefined, digits = 3): number | null => (value === undefined ? null : Number(value.toFixed(digits)));

export function hitFigures(input: HitInput, result: RunPlanResult): HitFigures {
  const { totals } = result;
  const duration = totals.aggregate(ENGINE_METRICS.requestDuration);
  const failed = totals.aggregate(ENGINE_METRICS.requestFailed);
  const requests = failed?.count ?? 0;
  const seconds = Math.max(1e-3, (result.endedAtMs - result.startedAtMs) / 1000);
  const statuses: Record<string, number> = {};
  for (const series of totals.all().filter((s) => s.name === ENGINE_METRICS.requests)) {
    statuses[series.tags.status ?? '?'] = (statuses[series.tags.status ?? '?'] ?? 0) + series.sum;
  }
  return {
    requests,
    errors: failed?.sum ?? 0,
    dropped: totals.aggregate(ENGINE_METRICS.journeysDropped)?.sum ?? 0,
    rate: { planned: input.rate ?? null, achieved: round(requests / seconds, 1)! },
    latencyMs: {
      p50: round(duration?.stat('med')),
      p95: round(duration?.stat('p(95)')),
      p99: round(duration?.stat('p(99)')),
      max: round(duration?.stat('max')),
    },
    startLagMs: { p99: round(totals.aggregate(ENGINE_METRICS.startLag)?.stat('p(99)')) },
    statuses,
  };
}

const ms = (value: number | null): string => (value === null ? '–' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`);

/** One screen for people. */
export function hitText(input: HitInput, figures: HitFigures, workers: number): string {
  const model =
    input.rate !== undefined
      ? `open model, ${input.rate}/s for ${input.durationSeconds} s`
      : `closed model, ${input.users} users${input.thinkSeconds > 0 ? ` thinking ${input.thinkSeconds} s` : ''} for ${input.durationSeconds} s`;
  const errorShare = figures.requests === 0 ? 0 : (100 * figures.errors) / figures.requests;
  return [
    `harness hit ${input.method} ${input.url} · ${model} · ${workers} worker${workers === 1 ? '' : 's'}`,
    `  requests   ${figures.requests.toLocaleString('en-US')} · ${figures.rate.achieved.toLocaleString('en-US')}/s achieved${figures.rate.planned === null ? '' : ` of ${figures.rate.planned}/s planned`}`,
    `  errors     ${figures.errors} (${errorShare.toFixed(2)} %) · dropped ${figures.dropped}`,
    `  latency    p50 ${ms(figures.latencyMs.p50)} · p95 ${ms(figures.latencyMs.p95)} · p99 ${ms(figures.latencyMs.p99)} · max ${ms(figures.latencyMs.max)}${input.rate !== undefined ? ' (from the scheduled send)' : ''}`,
    ...(input.rate !== undefined ? [`  start lag  p99 ${ms(figures.startLagMs.p99)} (scheduled → sent: the generator's own delay)`] : []),
    `  statuses   ${
      Object.entries(figures.statuses)
        .map(([status, n]) => `${status === '0' ? 'no response' : status} ×${n}`)
        .join(' · ') || '–'
    }`,
  ].join('\n');
}
