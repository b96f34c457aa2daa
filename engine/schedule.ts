// When things happen in a plan, as pure arithmetic: the time of every arrival of an open model (the inverse of the
// area under a piecewise-linear rate), the users a closed model has at a moment, and which of them belong to one
// segment of a test split across workers or machines. Segment i of n takes arrivals, users and iterations k with
// k mod n = i: deterministic, disjoint, and together exactly the whole test.

import type { Executor, Stage } from './plan.ts';

export interface Segment {
  index: number;
  of: number;
}

export const WHOLE: Segment = { index: 0, of: 1 };

/** Whether k belongs to the segment. */
export const inSegment = (k: number, segment: Segment): boolean => k % segment.of === segment.index;

/** How many of 0..total-1 belong to the segment. */
export function countInSegment(total: number, segment: Segment): number {
  return total > segment.index ? Math.floor((total - segment.index - 1) / segment.of) + 1 : 0;
}

interface RateSegment {
  /** Seconds from the test's start. */
  from: number;
  seconds: number;
  startRate: number;
  endRate: number;
  /** Arrivals planned before this segment: the area under the curve up to `from`. */
  before: number;
}

function rateStages(executor: Executor): { startRate: number; stages: Stage[] } {
  if (executor.executor === 'constant-arrival-rate') return { startRate: executor.rate, stages: [{ seconds: executor.seconds, target: executor.rate }] };
  if (executor.executor === 'ramping-arrival-rate') return { startRate: executor.startRate, stages: executor.stages };
  throw new Error(`${executor.executor} has no arrival rate`);
}

/** The open model's rate curve: the stages laid end to end, each with the arrivals planned before it. */
export function rateCurve(executor: Executor): RateSegment[] {
  const { startRate, stages } = rateStages(executor);
  const segments: RateSegment[] = [];
  let from = 0;
  let rate = startRate;
  let before = 0;
  for (const stage of stages) {
    segments.push({ from, seconds: stage.seconds, startRate: rate, endRate: stage.target, before });
    before += ((rate + stage.target) / 2) * stage.seconds;
    from += stage.seconds;
    rate = stage.target;
  }
  return segments;
}

/** Arrivals the open model plans over its whole time: every k whose time falls before the end. */
export function plannedArrivals(executor: Executor): number {
  const curve = rateCurve(executor);
  const last = curve.at(-1);
  if (!last) return 0;
  const area = last.before + ((last.startRate + last.endRate) / 2) * last.seconds;
  // An area that is a whole number up to rounding error is that number, not one more.
  return Math.ceil(area - 1e-9);
}

/** The planned rate (journeys a second) at a moment of the test. */
export function rateAt(executor: Executor, seconds: number): number {
  for (const s of rateCurve(executor)) {
    if (seconds < s.from + s.seconds) return s.seconds === 0 ? s.endRate : s.startRate + ((s.endRate - s.startRate) * (seconds - s.from)) / s.seconds;
  }
  return 0;
}

/** Seconds into the segment at which the area under a linear rate a→b over T reaches m (m within the segment's area). */
function timeWithin(a: number, b: number, T: number, m: number): number {
  if (m <= 0) return 0;
  const c = (b - a) / (2 * T);
  // c·t² + a·t − m = 0, in the form that is stable whether the rate rises, falls or is flat.
  return (2 * m) / (a + Math.sqrt(a * a + 4 * c * m));
}

/**
 * Times (seconds from the start) of the open model's arrivals k = first, first+step, … in order: the k-th arrival
 * comes when the area under the rate curve reaches k. A generator, so a long test's schedule costs no memory.
 */
export function* arrivalTimes(executor: Executor, segment: Segment = WHOLE): Generator<{ k: number; at: number }> {
  const curve = rateCurve(executor);
  const total = plannedArrivals(executor);
  let s = 0;
  for (let k = segment.index; k < total; k += segment.of) {
    while (s < curve.length - 1 && k >= curve[s + 1]!.before) s++;
    const seg = curve[s]!;
    const at = seg.from + (seg.seconds === 0 ? 0 : timeWithin(seg.startRate, seg.endRate, seg.seconds, k - seg.before));
    yield { k, at: Math.min(at, seg.from + seg.seconds) };
  }
}

/** Users a closed model has at a moment: the constant count, or the ramp's interpolated target (whole users). */
export function usersAt(executor: Executor, seconds: number): number {
  if (executor.executor === 'constant-vus') return seconds < executor.seconds ? executor.users : 0;
  if (executor.executor === 'shared-iterations') return executor.users;
  if (executor.executor !== 'ramping-vus') throw new Error(`${executor.executor} has no users`);
  let from = 0;
  let users = executor.startUsers;
  for (const stage of executor.stages) {
    if (seconds < from + stage.seconds) return Math.floor(users + ((stage.target - users) * (seconds - from)) / stage.seconds + 1e-9);
    from += stage.seconds;
    users = stage.target;
  }
  return 0;
}

/** The most users a closed model ever has (for sizing and the run's description). */
export function peakUsers(executor: Executor): number {
  if (executor.executor === 'ramping-vus') return Math.max(executor.startUsers, ...executor.stages.map((s) => s.target));
  if (executor.executor === 'constant-vus' || executor.executor === 'shared-iterations') return executor.users;
  return 0;
}
