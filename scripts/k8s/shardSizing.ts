// How big each shard's pod is and how many shards a plan wants, from what one engine was measured to hold. Pure:
// the figures below are the only place these measurements live; docs/kubernetes.md explains them.

/**
 * `npm run bench engine-vus` (bench/engineVus.ts) on a 2-core machine: 50,000 users in think time, ramped in over
 * 30 s and held 120 s against a stub, kept pace 0.974 of Little's law with a peak RSS of 849 MiB (sampled every
 * second; the kernel's high-water mark 857 MiB) and 0.51 cores. At 250,000 one engine held the users (2,304 MiB) but
 * paced 0.227: 50,000 is what one engine was measured to keep up with.
 */
export const ENGINE_MEASURED = { users: 50_000, peakRssMiB: 849, coresUsed: 0.51, pace: 0.974 } as const;
/** The same bench's launch-day step: one engine held 250,000 users but not at pace. */
export const ENGINE_OVERLOADED = { users: 250_000, peakRssMiB: 2_304, pace: 0.227 } as const;

/** Users one shard is planned to hold at most: the measured engine's. */
export const USERS_PER_SHARD = ENGINE_MEASURED.users;
/** Memory per user, the engine's own base included (849 MiB ÷ 50,000 ≈ 17.4 KiB): generous beyond 50,000 users. */
export const KIB_PER_USER = (ENGINE_MEASURED.peakRssMiB * 1024) / ENGINE_MEASURED.users;
/**
 * A shard with no users: 282 MiB peak RSS for `harness run smoke`'s own process and 292 MiB for `harness hit --vus
 * 20` on 2 worker threads, measured here; rounded up for the journey modules every shard worker loads.
 */
export const BASE_MIB = 384;
/** A household held in a worker's memory: 950 bytes of heap each, measured loading 40,000 (loadSegmentApplicants). */
export const BYTES_PER_HOUSEHOLD = 1024;
/** A shard's per-second row in load-seconds.ndjson: 9 KiB on average and 16 KiB at most in a load run (funnel mix). */
export const BYTES_PER_SECOND_ROW = 16 * 1024;
/** One ledger line (ids and amounts of one confirmation): 208 bytes on average. */
export const BYTES_PER_LEDGER_LINE = 256;
/** One household in applicants.ndjson: 838 bytes on average (40,000 generated). Every shard writes the whole test's. */
export const BYTES_PER_APPLICANT_LINE = 1024;

/**
 * Series one shard pushes to Prometheus, every one of them sampled every second: the remote writer sends each series
 * the test has made so far at its running total each second (engine/prometheus/remoteWrite.ts). Counted by replaying
 * a healthy `load` run's per-second rows through that writer: 104, 37 of them native histograms (request duration,
 * blocked and waiting per route, journey duration and start lag, each journey's duration, the waiting room's wait).
 * Every new (route, status) pair of an error adds one.
 */
export const SERIES_PER_SHARD = 104;
export const NATIVE_HISTOGRAMS_PER_SHARD = 37;

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export interface ShardPlan {
  shards: number;
  /** The most users the plan lets be in flight at once (the profile plan's maxUsers), all shards together. */
  maxUsers: number;
  /** Households the plan generates, all shards together. */
  applicants: number;
  /** Seconds the load runs, its graceful stop included. */
  seconds: number;
}

export interface ShardSizing {
  usersPerShard: number;
  householdsPerShard: number;
  /** Request and limit alike: a pod is killed at its limit, and a killed shard loses its part of the test. */
  memoryMiB: number;
  /** Whole cores requested; no CPU limit (throttling would show as the exchange's latency). */
  cpuCores: number;
  /** The engine's worker threads: Node sees the node's cores, not the pod's request, so the count is given. */
  workers: number;
  /** The shared results volume for every shard's folder. */
  storageGiB: number;
  /** Shards that keep each at or under USERS_PER_SHARD users. */
  shardsAdvised: number;
  /** Samples a second the test's shards push to Prometheus together (as many active series). */
  prometheusSamplesPerSecond: number;
}

const roundUp = (value: number, step: number): number => Math.ceil(value / step) * step;

export function shardSizing(plan: ShardPlan): ShardSizing {
  const usersPerShard = Math.ceil(plan.maxUsers / plan.shards);
  const householdsPerShard = Math.ceil(plan.applicants / plan.shards);
  const memoryBytes = BASE_MIB * MiB + usersPerShard * KIB_PER_USER * 1024 + householdsPerShard * BYTES_PER_HOUSEHOLD;
  const cpuCores = Math.max(1, Math.ceil(usersPerShard / USERS_PER_SHARD));
  // Twice what the shards write: each its copy of the applicants and per-second rows for the whole run, and a ledger
  // line for every journey at most.
  const perShard = plan.applicants * BYTES_PER_APPLICANT_LINE + plan.seconds * BYTES_PER_SECOND_ROW;
  const storageBytes = 2 * (plan.shards * perShard + plan.applicants * BYTES_PER_LEDGER_LINE);
  return {
    usersPerShard,
    householdsPerShard,
    memoryMiB: roundUp(memoryBytes / MiB, 64),
    cpuCores,
    workers: Math.max(2, cpuCores),
    storageGiB: Math.max(1, Math.ceil(storageBytes / GiB)),
    shardsAdvised: Math.max(1, Math.ceil(plan.maxUsers / USERS_PER_SHARD)),
    prometheusSamplesPerSecond: plan.shards * SERIES_PER_SHARD,
  };
}
