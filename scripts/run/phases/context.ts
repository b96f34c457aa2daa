// What every phase of a run shares: its options, its folder and id, its child processes, its plan, how it talks, and
// the clock of its phases. Built once by runProfile (../pipeline.ts) and handed to each phase.

import type { ProcessGroup } from '../processes.ts';
import type { RunningNemesis } from '../nemesis/nemesis.ts';
import type { RunOptions } from '../pipeline.ts';
import type { Profile } from '../profiles/index.ts';

export type RunPlan = ReturnType<Profile['plan']>;

export interface RunContext {
  options: RunOptions;
  say: (line: string) => void;
  runId: string;
  runDir: string;
  /** Every child process of the run: stopped however it ends. */
  group: ProcessGroup;
  /** Environment every child process gets (the run's id). */
  childEnv: Record<string, string>;
  /** The token of the exchange's admin endpoint (`harness faults --run DIR` during the run). */
  adminToken: string;
  plan: RunPlan;
  /** Applicants generated. */
  count: number;
  startedAt: Date;
  /** Aborted by the first Ctrl-C or SIGTERM: the load stops gracefully and the run goes on with what ran. */
  interrupt: AbortController;
  /** The nemesis while it runs, so that however the run ends a paused service is resumed before the group stops. */
  nemesis?: RunningNemesis;
  /** Milliseconds each phase took, by name (for `npm run bench`). */
  phases: Record<string, number>;
  /** Ends the phase running since the last one ended. */
  phaseDone(name: string): void;
}

/** A phase clock: each call records the time since the previous call (or since it was made) under `name`. */
export function phaseClock(phases: Record<string, number>, now: () => number = Date.now): (name: string) => void {
  let phaseStart = now();
  return (name) => {
    const at = now();
    phases[name] = at - phaseStart;
    phaseStart = at;
  };
}
