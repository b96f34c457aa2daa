// Reading a report's axes in a browser page: the tick labels the chart script returned to uPlot for each axis (the
// page records them in window.reportCharts), and what makes them readable. Shared by the report browser tests.

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface DrawnAxes {
  id: string;
  width: number;
  yLabel: string;
  ticks: { x: string[]; xAt: number[]; y: string[] };
  /** Labels of the marked spans drawn (nemesis events). */
  marks: string[];
}

export async function drawnAxes(page: Page): Promise<DrawnAxes[]> {
  return (await page.evaluate(
    'window.reportCharts.map((c) => ({ id: c.id, width: c.width, yLabel: c.yLabel, ticks: c.ticks, marks: c.marks }))',
  )) as DrawnAxes[];
}

/** No "2. s" (a point with no decimals after it), no "0.0" among whole numbers, and some labels on both axes. */
export function expectReadableTicks(axes: DrawnAxes): void {
  const { x, y } = axes.ticks;
  expect(x.length, `${axes.id}: x ticks`).toBeGreaterThan(1);
  expect(y.length, `${axes.id}: y ticks`).toBeGreaterThan(1);
  for (const label of [...x, ...y]) expect(label, `${axes.id}: tick ${JSON.stringify(label)}`).not.toMatch(/\d\.(\s|$|[^\d])/);
  for (const labels of [x, y]) {
    const numbers = labels.map((l) => /^-?[\d.]+/.exec(l)?.[0]).filter((n): n is string => n !== undefined);
    // Whole values written with decimals only when another tick needs them ("0.0", "0.5"), never all of them.
    if (numbers.length > 1 && numbers.every((n) => Number.isInteger(Number(n))))
      expect(
        numbers.filter((n) => n.includes('.')),
        `${axes.id}: ${labels.join(' ')}`,
      ).toEqual([]);
  }
}
