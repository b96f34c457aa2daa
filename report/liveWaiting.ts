// Consumers in the waiting room at each second, from the waits the engine's rows record (one per consumer, stamped
// in the second the wait ended): a wait of w seconds ending in second s covers the seconds s − w … s. The most
// recent `horizon` seconds stay open, as a wait ending later may still cover them; older seconds are final and go
// into a bounded store (report/boundedSeries.ts). Exact for waits up to the horizon (an hour: the longest bucket the
// exchange counts), whatever the run's length; memory bounded by the horizon and the store. Pure.

import { BoundedSeries } from './boundedSeries.ts';

/** Seconds a wait may reach back: longer waits count from this many seconds before they ended. */
export const WAIT_HORIZON_SECONDS = 3600;

export class LiveWaiting {
  private readonly final: BoundedSeries;
  /** Consumers waiting in each open second, the first being `openFrom` (seconds since the first row). */
  private open: number[] = [];
  private openFrom = 0;
  readonly horizon: number;
  /** Whether any wait was recorded: a run whose journeys never enter the waiting room draws no line of zeros. */
  any = false;

  constructor(capacity: number, horizon = WAIT_HORIZON_SECONDS) {
    this.final = new BoundedSeries(1, capacity);
    this.horizon = horizon;
  }

  /** Second `at` (seconds since the first row) and the waits that ended in it: [milliseconds, consumers]. */
  push(at: number, waits: readonly (readonly [number, number])[]): void {
    while (this.openFrom + this.open.length <= at) this.open.push(0);
    if (waits.length > 0) this.any = true;
    for (const [ms, consumers] of waits) {
      const from = Math.max(this.openFrom, at - Math.min(this.horizon, Math.floor(ms / 1000)));
      for (let k = from; k <= at; k++) this.open[k - this.openFrom]! += consumers;
    }
    while (this.open.length > this.horizon) {
      this.final.push(this.openFrom + 0.5, [this.open.shift()!]);
      this.openFrom += 1;
    }
  }

  /** Seconds since the first row (the middle of each second) and consumers waiting then. */
  series(): { x: number[]; values: number[] } {
    if (!this.any) return { x: [], values: [] };
    return {
      x: [...this.final.x, ...this.open.map((_, i) => this.openFrom + i + 0.5)],
      values: [...(this.final.column(0) as number[]), ...this.open],
    };
  }
}
