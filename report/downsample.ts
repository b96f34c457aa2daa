// Fewer points for a chart without losing its spikes: aligned series (one x array, several y arrays) are cut into
// buckets of consecutive x, and each bucket keeps two x slots where every series puts its minimum and its maximum,
// in the order they occurred. A one-hour run of per-second points becomes at most `maxPoints` points a series,
// and a single slow second still shows at its full height.

export type Y = number | null;

export interface Aligned {
  x: number[];
  ys: Y[][];
}

function extremaOf(ys: readonly Y[], from: number, to: number): [number, number] | undefined {
  let min = -1,
    max = -1;
  for (let i = from; i < to; i++) {
    const v = ys[i];
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    if (min === -1 || v < ys[min]!) min = i;
    if (max === -1 || v > ys[max]!) max = i;
  }
  return min === -1 ? undefined : [min, max];
}

/** At most `maxPoints` (≥ 2) points a series, each bucket's minimum and maximum of every series kept. */
export function downsampleAligned(data: Aligned, maxPoints: number): Aligned {
  if (!(maxPoints >= 2)) throw new RangeError(`downsample needs room for at least 2 points, got ${maxPoints}`);
  const n = data.x.length;
  if (n <= maxPoints) return data;
  const buckets = Math.floor(maxPoints / 2);
  const x: number[] = [];
  const ys: Y[][] = data.ys.map(() => []);
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    x.push(data.x[from]!, data.x[to - 1]!);
    data.ys.forEach((series, s) => {
      const extrema = extremaOf(series, from, to);
      if (!extrema) {
        ys[s]!.push(null, null);
        return;
      }
      const [min, max] = extrema;
      const [first, second] = min <= max ? [min, max] : [max, min];
      ys[s]!.push(series[first]!, series[second]!);
    });
  }
  return { x, ys };
}
