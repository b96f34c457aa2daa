// The knee of a curve by Kneedle (Satopää, Albrecht, Irwin, Raghavan, "Finding a 'Kneedle' in a Haystack", 2011):
// normalise both axes to [0, 1], turn the curve so its knee bulges above the diagonal, take the difference to the
// diagonal, and call a local maximum of the difference a knee once the difference falls below a threshold after it.
// For latency against load the curve is convex and increasing: the knee is where latency starts to climb.

export interface CurvePoint {
  x: number;
  y: number;
}

export interface KneedleOptions {
  /** Shape of the curve: latency against load is convex (bends upward), throughput against load concave. */
  curve: 'concave' | 'convex';
  direction: 'increasing' | 'decreasing';
  /** S in the paper: how many "flat" steps after a peak it takes to call it a knee. 1 is the paper's default. */
  sensitivity?: number;
}

export interface Knee extends CurvePoint {
  index: number;
  /** The difference curve at the knee (0..1): how pronounced the bend is. */
  prominence: number;
}

function normalise(values: number[]): number[] {
  const min = Math.min(...values);
  const span = Math.max(...values) - min;
  return values.map((v) => (span === 0 ? 0 : (v - min) / span));
}

/** The difference curve of the paper, after turning every shape into "concave increasing". */
export function differenceCurve(points: readonly CurvePoint[], options: KneedleOptions): number[] {
  const xs = normalise(points.map((p) => p.x));
  const ys = normalise(points.map((p) => p.y));
  return xs.map((x, i) => {
    const y = ys[i]!;
    if (options.curve === 'concave' && options.direction === 'increasing') return y - x;
    if (options.curve === 'concave') return y - (1 - x);
    if (options.direction === 'increasing') return x - y;
    return 1 - x - y;
  });
}

/** The first knee of the curve (points sorted by x here), or undefined when the curve has none (a straight line). */
export function findKnee(points: readonly CurvePoint[], options: KneedleOptions): Knee | undefined {
  const sorted = [...points].sort((a, b) => a.x - b.x);
  if (sorted.length < 3) return undefined;
  const diff = differenceCurve(sorted, options);
  const xs = normalise(sorted.map((p) => p.x));
  const meanStep = (xs[xs.length - 1]! - xs[0]!) / (xs.length - 1);
  const sensitivity = options.sensitivity ?? 1;
  for (let i = 1; i < diff.length - 1; i++) {
    const isLocalMax = diff[i]! > diff[i - 1]! && diff[i]! >= diff[i + 1]!;
    if (!isLocalMax || diff[i]! <= 0) continue;
    const threshold = diff[i]! - sensitivity * meanStep;
    for (let j = i + 1; j < diff.length; j++) {
      if (diff[j]! < threshold) return { ...sorted[i]!, index: i, prominence: diff[i]! };
      // Another local maximum before the threshold: this one was a ripple; the outer loop tries that one.
      if (j < diff.length - 1 && diff[j]! > diff[j - 1]! && diff[j]! >= diff[j + 1]!) break;
    }
  }
  return undefined;
}
