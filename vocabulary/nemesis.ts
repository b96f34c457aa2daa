// nemesis.json: the process faults of `run --nemesis` — the kinds, what was planned, what happened and what the load
// saw meanwhile. Written by scripts/run/nemesis/, read by the verdict and the report: one set of types for all.

/** What each nemesis kind does, to which service: the one list the parser, the scheduler and docs/faults.md follow. */
export const NEMESIS_KINDS = {
  'kill-exchange': { service: 'exchange', action: 'kill', description: 'SIGKILL the exchange, then restart it on the same data folder and port' },
  'kill-insurer': { service: 'insurer', action: 'kill', description: 'SIGKILL the insurer, then restart it on the same data folder and port' },
  'pause-exchange': { service: 'exchange', action: 'pause', description: 'SIGSTOP the exchange for the hold, then SIGCONT' },
  'pause-insurer': { service: 'insurer', action: 'pause', description: 'SIGSTOP the insurer for the hold, then SIGCONT' },
} as const;

export type NemesisKind = keyof typeof NEMESIS_KINDS;
export type NemesisService = (typeof NEMESIS_KINDS)[NemesisKind]['service'];

export interface NemesisEventPlan {
  kind: NemesisKind;
  /** ms after the load starts. */
  atMs: number;
  holdMs: number;
  /** Given with "@": it must happen (the verdict fails when the load ended first); an interval's events happen while the load runs. */
  once: boolean;
}

export interface NemesisEvent {
  kind: NemesisKind;
  service: NemesisService;
  /** When the signal was sent (ISO), and in ms after the load started. */
  at: string;
  atMs: number;
  /** The hold the spec asked for: down before the restart (kill), or stopped (pause). */
  holdMs: number;
  /** From the signal until the service answered again (restarted and ready, or resumed). */
  outageMs: number;
  recoveredAt: string;
  pidBefore: number | null;
  /** A kill's new process; a pause's same one. */
  pidAfter: number | null;
  /** The run ended during the hold, which was cut short. */
  cutShort?: boolean;
}

export interface NemesisOutcome {
  spec: string;
  /** When the load (and the nemesis's clock) started. */
  startedAt: string;
  events: NemesisEvent[];
  /** Planned events the load ended before; those given with "@" make the verdict fail (they never happened). */
  notReached: NemesisEventPlan[];
}

export interface WindowFigures {
  requests: number;
  failed: number;
  /** The slowest request that ended in the window, in ms; 0 when none did. */
  slowestMs: number;
}

export interface NemesisRecord extends Omit<NemesisOutcome, 'events'> {
  events: (NemesisEvent & { load: WindowFigures })[];
  /** A window: from the signal to the recovery plus this much. */
  windowSlackMs: number;
  /** Requests that ended in some window, and outside them all (what the error-rate SLO is judged on). */
  during: WindowFigures;
  outside: WindowFigures;
}
