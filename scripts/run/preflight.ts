// Before load starts: can this machine hold what the plan asks? The engine was measured to keep pace with 50,000
// users in think time on 2 cores in 849 MiB (scripts/k8s/shardSizing.ts, the one home of those figures), so a plan is
// refused when its users at once exceed that per core, or its memory (the engine's per-user cost, its base and the
// households a worker holds) exceeds what the machine has free. Pure: the caller gives the machine's figures.

import { BASE_MIB, BYTES_PER_HOUSEHOLD, ENGINE_MEASURED, KIB_PER_USER } from '../k8s/shardSizing.ts';

/** The measurement's cores: ENGINE_MEASURED ran on a 2-core machine, the exchange beside it. */
const MEASURED_ON_CORES = 2;
/** Users at once one core is planned to drive at pace. */
export const USERS_PER_CORE = ENGINE_MEASURED.users / MEASURED_ON_CORES;

export interface PreflightInput {
  /** The most users (journeys in flight) the plan lets be at once. */
  maxUsers: number;
  /** Households the run's workers hold. */
  applicants: number;
  cores: number;
  freeMemoryBytes: number;
}

export interface Preflight {
  /** Empty when the machine can hold the plan. */
  problems: string[];
  usersAllowed: number;
  memoryNeededMiB: number;
  memoryFreeMiB: number;
}

const n = (value: number): string => Math.round(value).toLocaleString('en-US');

export function preflight(input: PreflightInput): Preflight {
  const usersAllowed = Math.floor(USERS_PER_CORE * input.cores);
  const memoryNeededMiB = BASE_MIB + (input.maxUsers * KIB_PER_USER) / 1024 + (input.applicants * BYTES_PER_HOUSEHOLD) / 2 ** 20;
  const memoryFreeMiB = input.freeMemoryBytes / 2 ** 20;
  const problems: string[] = [];
  if (input.maxUsers > usersAllowed) {
    problems.push(
      `${n(input.maxUsers)} users at once, where ${input.cores} core(s) drive about ${n(usersAllowed)} at pace (${n(USERS_PER_CORE)} a core, as measured)`,
    );
  }
  if (memoryNeededMiB > memoryFreeMiB) {
    problems.push(
      `about ${n(memoryNeededMiB)} MiB for the engine (${n(input.maxUsers)} users, ${n(input.applicants)} households), where ${n(memoryFreeMiB)} MiB is free`,
    );
  }
  return { problems, usersAllowed, memoryNeededMiB, memoryFreeMiB };
}
