// What the load saw during each nemesis window and outside them all, from the engine's per-second rows: failed
// requests (a killed service refuses connections: counted errors, never silent) and the slowest request (a paused one
// answers late). Pure: the rows in, the figures out.

import { ENGINE_METRICS } from '../../../vocabulary/metrics/engine.ts';
import type { SecondRow } from '../../../engine/runPlan.ts';
import type { WindowFigures } from '../../../vocabulary/nemesis.ts';

export type { WindowFigures };

/**
 * A window runs from the signal to the service's recovery plus this much: requests in flight at a kill fail at once,
 * but a connection the client kept to the old process, and a request a pause held, end a moment after.
 */
export const WINDOW_SLACK_MS = 2_000;

export interface NemesisWindow {
  startMs: number;
  /** When the service answered again (restarted and ready, or resumed). */
  recoveredMs: number;
}

export interface NemesisLoadFigures {
  /** Per window, in the order given. */
  windows: WindowFigures[];
  /** Every second inside some window. */
  during: WindowFigures;
  /** Every second outside all windows: what the error-rate SLO is judged on in a nemesis run. */
  outside: WindowFigures;
}

const empty = (): WindowFigures => ({ requests: 0, failed: 0, slowestMs: 0 });

function add(into: WindowFigures, second: WindowFigures): void {
  into.requests += second.requests;
  into.failed += second.failed;
  into.slowestMs = Math.max(into.slowestMs, second.slowestMs);
}

/** One row's requests (every route's http_req_failed samples), failures (their passes) and slowest request. */
export function secondFigures(row: SecondRow): WindowFigures {
  const figures = empty();
  for (const s of row.series) {
    if (s.name === ENGINE_METRICS.requestFailed) {
      figures.requests += s.count;
      figures.failed += s.sum;
    } else if (s.name === ENGINE_METRICS.requestDuration && s.count > 0) figures.slowestMs = Math.max(figures.slowestMs, s.max);
  }
  return figures;
}

/** A row covers [second, second + 1 s): it is in a window when the two overlap. */
const inWindow = (row: SecondRow, w: NemesisWindow): boolean => row.second * 1000 < w.recoveredMs + WINDOW_SLACK_MS && (row.second + 1) * 1000 > w.startMs;

export function nemesisLoadFigures(rows: readonly SecondRow[], windows: readonly NemesisWindow[]): NemesisLoadFigures {
  const result: NemesisLoadFigures = { windows: windows.map(empty), during: empty(), outside: empty() };
  for (const row of rows) {
    const second = secondFigures(row);
    let inAny = false;
    windows.forEach((w, i) => {
      if (!inWindow(row, w)) return;
      inAny = true;
      add(result.windows[i]!, second);
    });
    add(inAny ? result.during : result.outside, second);
  }
  return result;
}
