// Which insurer fault switches hit one 834 post. Decisions are keyed by sender, ISA13 and attempt number, so a
// run with the same interchanges injects the same faults, and a retry of a failed post gets a fresh decision.
// An outage window (insurer.down as a duration) opens at the first 834 post, the first request it can affect: timed
// from the insurer's start, a window that closed before the exchange sent anything never fired.

import { shouldInject, type FaultSet } from '../faults/index.ts';

export interface FaultDecision {
  /** insurer.down: answer 503. */
  down: boolean;
  /** insurer.error: answer 500. */
  error: boolean;
  /** insurer.slow: delay before answering. */
  slowMs: number;
  /** insurer.reject: answer a valid interchange with a rejecting 999. */
  reject: boolean;
}

export function createFaultGate(faults: FaultSet, now: () => number = Date.now) {
  const attempts = new Map<string, number>();
  const down = faults.values.get('insurer.down');
  let firstPostMs: number | undefined;
  return {
    /** `interchangeKey` is `<sender>:<ISA13>` when the ISA is readable, else a request sequence number. */
    decide(interchangeKey: string): FaultDecision {
      const attempt = (attempts.get(interchangeKey) ?? 0) + 1;
      attempts.set(interchangeKey, attempt);
      const key = `${interchangeKey}:${attempt}`;
      firstPostMs ??= now();
      const isDown = down?.kind === 'duration' ? now() - firstPostMs < down.ms : down?.kind === 'rate' ? shouldInject(down.rate, `insurer.down:${key}`) : false;
      return {
        down: isDown,
        error: !isDown && shouldInject(faults.rate('insurer.error'), `insurer.error:${key}`),
        slowMs: faults.durationMs('insurer.slow'),
        reject: shouldInject(faults.rate('insurer.reject'), `insurer.reject:${key}`),
      };
    },
  };
}

export type FaultGate = ReturnType<typeof createFaultGate>;
