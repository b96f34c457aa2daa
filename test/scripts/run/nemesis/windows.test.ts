// What the load saw during nemesis windows and outside them, from the engine's per-second rows.

import { describe, expect, it } from 'vitest';
import type { SecondRow } from '../../../../engine/runPlan.ts';
import { nemesisLoadFigures } from '../../../../scripts/run/nemesis/windows.ts';

/** One second's row: `requests` on one route, `failed` of them failed, the slowest `slowestMs`. */
function row(second: number, requests: number, failed: number, slowestMs = 10): SecondRow {
  return {
    second,
    series: [
      { name: 'http_req_failed', kind: 'rate', tags: { name: 'GET /x' }, count: requests, sum: failed, min: 0, max: failed > 0 ? 1 : 0 },
      { name: 'http_req_duration', kind: 'trend', tags: { name: 'GET /x' }, count: requests, sum: requests * 5, min: 1, max: slowestMs },
      { name: 'journeys', kind: 'counter', tags: {}, count: 1, sum: 99, min: 99, max: 99 },
    ],
  };
}

describe('nemesisLoadFigures', () => {
  it('counts the failures of the seconds a window overlaps (plus its slack) apart from the rest', () => {
    const rows = [row(100, 10, 0), row(101, 10, 0), row(102, 8, 5), row(103, 9, 2, 3_100), row(104, 10, 1), row(105, 10, 0), row(106, 10, 1), row(107, 10, 0)];
    // Signal at 102.5 s, answering again at 103.2 s: with 2 s of slack the window covers seconds 102 to 105.
    const figures = nemesisLoadFigures(rows, [{ startMs: 102_500, recoveredMs: 103_200 }]);
    expect(figures.windows).toEqual([{ requests: 37, failed: 8, slowestMs: 3_100 }]);
    expect(figures.during).toEqual({ requests: 37, failed: 8, slowestMs: 3_100 });
    expect(figures.outside).toEqual({ requests: 40, failed: 1, slowestMs: 10 });
  });

  it('counts a second in two overlapping windows once in the total', () => {
    const rows = [row(10, 5, 5), row(11, 5, 5), row(20, 5, 0)];
    const figures = nemesisLoadFigures(rows, [
      { startMs: 10_000, recoveredMs: 10_100 },
      { startMs: 11_000, recoveredMs: 11_500 },
    ]);
    expect(figures.windows.map((w) => w.failed)).toEqual([10, 5]);
    expect(figures.during.failed).toBe(10);
    expect(figures.outside).toEqual({ requests: 5, failed: 0, slowestMs: 10 });
  });

  it('has every second outside when there was no window', () => {
    expect(nemesisLoadFigures([row(1, 4, 1)], []).outside).toEqual({ requests: 4, failed: 1, slowestMs: 10 });
  });
});
