// The shapes of the consumer journeys (journeys.ts) as plain data with no engine import, so the profiles can plan
// arrival rates and durations from them by Little's law, and the VU benchmark knows the pace to expect.

/** The journeys a consumer can make, in funnel order: most browse, fewer apply, fewer enroll; some come back. */
export const JOURNEY_KINDS = ['browse', 'apply', 'enroll', 'returning'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

/** Requests made between think pauses, per journey. */
const REQUESTS_BETWEEN_PAUSES: Record<JourneyKind, readonly number[]> = {
  /** Plans and premiums for the whole household at its ZIP; then for the subscriber alone. No waiting room. */
  browse: [1, 1],
  /** Waiting room + account; application; eligibility; plans + sign out: shops with its subsidy and leaves. */
  apply: [2, 1, 1, 2],
  /** Waiting room + account; application; eligibility; plans; enroll + sign out. */
  enroll: [2, 1, 1, 1, 2],
  /** Waiting room + log in; own enrollments + sign out: a consumer checks the enrollment made earlier. */
  returning: [2, 2],
};

export interface JourneyShape {
  requestsBetweenPauses: readonly number[];
  /** Requests one journey makes. */
  requests: number;
  /** Think-time pauses between its pages. */
  thinkPauses: number;
}

function shapeOf(requestsBetweenPauses: readonly number[]): JourneyShape {
  return {
    requestsBetweenPauses,
    requests: requestsBetweenPauses.reduce((sum, n) => sum + n, 0),
    thinkPauses: requestsBetweenPauses.length - 1,
  };
}

export const JOURNEY_SHAPES = Object.fromEntries(JOURNEY_KINDS.map((kind) => [kind, shapeOf(REQUESTS_BETWEEN_PAUSES[kind])])) as Record<
  JourneyKind,
  JourneyShape
>;

/** Each pause is the think time times a uniform factor in [min, max): mean 1. */
export const THINK_SPREAD = { min: 0.5, max: 1.5 } as const;

export const ENROLLMENT_JOURNEY = { ...JOURNEY_SHAPES.enroll, thinkSpread: THINK_SPREAD } as const;

/** Share of arriving consumers making each journey (the targets file's funnel); shares sum to 1. */
export type JourneyMix = Record<JourneyKind, number>;

/** Every consumer enrolls: the profiles that measure the enrollment path (smoke, stress, breakpoint). */
export const ENROLL_ONLY: JourneyMix = { browse: 0, apply: 0, enroll: 1, returning: 0 };

/** What a mix of journeys asks of the exchange and of a VU, for Little's law and for sizing a run. */
export interface MixShape {
  /** Mean requests a journey makes. */
  meanRequests: number;
  /** Mean think pauses a journey makes. */
  meanThinkPauses: number;
  /** The longest journey in the mix: its requests and pauses. */
  mostRequests: number;
  mostThinkPauses: number;
  /** The fewest pauses any journey in the mix makes (bounds how many journeys a VU can make). */
  fewestThinkPauses: number;
}

export function mixShape(mix: JourneyMix): MixShape {
  const present = JOURNEY_KINDS.filter((kind) => mix[kind] > 0);
  const total = present.reduce((sum, kind) => sum + mix[kind], 0);
  const mean = (of: (shape: JourneyShape) => number) => present.reduce((sum, kind) => sum + (mix[kind] / total) * of(JOURNEY_SHAPES[kind]), 0);
  const each = (of: (shape: JourneyShape) => number) => present.map((kind) => of(JOURNEY_SHAPES[kind]));
  return {
    meanRequests: mean((s) => s.requests),
    meanThinkPauses: mean((s) => s.thinkPauses),
    mostRequests: Math.max(...each((s) => s.requests)),
    mostThinkPauses: Math.max(...each((s) => s.thinkPauses)),
    fewestThinkPauses: Math.min(...each((s) => s.thinkPauses)),
  };
}

const GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

/**
 * The journey of the consumer arriving `iteration`-th: a low-discrepancy (golden-ratio) sequence through the mix's
 * cumulative shares, so every stretch of arrivals, even a short run's, keeps the mix within about one journey.
 */
export function journeyFor(iteration: number, mix: JourneyMix): JourneyKind {
  const point = (iteration * GOLDEN_FRACTION) % 1;
  let cumulative = 0;
  let last: JourneyKind = 'enroll';
  for (const kind of JOURNEY_KINDS) {
    if (mix[kind] <= 0) continue;
    cumulative += mix[kind];
    last = kind;
    if (point < cumulative) return kind;
  }
  return last;
}
