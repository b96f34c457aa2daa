// Universal Scalability Law, X(N) = λN / (1 + σ(N−1) + κN(N−1)), fitted to (concurrency, throughput) points by
// nonlinear least squares: a bounded Levenberg–Marquardt written here (no npm package implements the USL).

export interface LoadPoint {
  concurrency: number;
  throughput: number;
}

export interface UslParameters {
  /** Contention (serialisation), 0 ≤ σ ≤ 1. */
  sigma: number;
  /** Coherency (crosstalk), κ ≥ 0. */
  kappa: number;
  /** Throughput of one unit of concurrency with no contention or coherency cost. */
  lambda: number;
}

export interface UslFit extends UslParameters {
  /**
   * N* = √((1−σ)/κ), where throughput peaks, and never below 1: a fit with N* < 1 (σ near 1, as when one request
   * already saturates the server) peaks at the least concurrency there is. Infinity when κ = 0 (throughput only flattens).
   */
  peakConcurrency: number;
  /** X(N*); when κ = 0 the ceiling λ/σ it approaches (Infinity when σ = κ = 0 too). */
  maxThroughput: number;
  /**
   * Nopt = 1/σ (Gunther; `optimal.scalability` of the R package usl): where the linear bound λN meets the contention
   * ceiling λ/σ. Defined when κ = 0 too, where N* is not: the load past which more concurrency mostly queues.
   */
  optimalConcurrency: number;
  rSquared: number;
  /** Observed minus fitted throughput, in the order of the input points. */
  residuals: number[];
  iterations: number;
}

export function uslThroughput(p: UslParameters, n: number): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

export function peakOf(p: UslParameters): Pick<UslFit, 'peakConcurrency' | 'maxThroughput' | 'optimalConcurrency'> {
  const optimalConcurrency = p.sigma > 0 ? 1 / p.sigma : Infinity;
  if (p.kappa > 0) {
    const peak = Math.max(1, Math.sqrt(Math.max(0, 1 - p.sigma) / p.kappa));
    return { peakConcurrency: peak, maxThroughput: uslThroughput(p, peak), optimalConcurrency };
  }
  return { peakConcurrency: Infinity, maxThroughput: p.sigma > 0 ? p.lambda / p.sigma : Infinity, optimalConcurrency };
}

type Vector3 = [number, number, number];
const LOWER: Vector3 = [0, 0, Number.MIN_VALUE];
const UPPER: Vector3 = [1, Infinity, Infinity];

function sse(points: readonly LoadPoint[], [sigma, kappa, lambda]: Vector3): number {
  let sum = 0;
  for (const pt of points) sum += (pt.throughput - uslThroughput({ sigma, kappa, lambda }, pt.concurrency)) ** 2;
  return sum;
}

/** Jᵀ J and Jᵀ r for the residuals r = observed − model. */
function normalEquations(points: readonly LoadPoint[], [sigma, kappa, lambda]: Vector3): { a: number[][]; b: number[] } {
  const a = [0, 1, 2].map(() => [0, 0, 0]);
  const b = [0, 0, 0];
  for (const { concurrency: n, throughput: x } of points) {
    const d = 1 + sigma * (n - 1) + kappa * n * (n - 1);
    const f = (lambda * n) / d;
    const j = [(-lambda * n * (n - 1)) / (d * d), (-lambda * n * n * (n - 1)) / (d * d), n / d];
    for (let r = 0; r < 3; r++) {
      b[r]! += j[r]! * (x - f);
      for (let c = 0; c < 3; c++) a[r]![c]! += j[r]! * j[c]!;
    }
  }
  return { a, b };
}

/** Solves a small symmetric system by Gaussian elimination with partial pivoting; undefined when singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-300)) return undefined;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

const clamp = (theta: number[]): Vector3 => theta.map((v, i) => Math.min(UPPER[i]!, Math.max(LOWER[i]!, v))) as Vector3;

/**
 * One bounded Levenberg–Marquardt descent. A parameter sitting on its bound whose gradient points outward is held
 * fixed for that step (an active set), so the others still move; the system is Jacobi-scaled because κ is
 * usually five orders of magnitude smaller than λ.
 */
function levenbergMarquardt(points: readonly LoadPoint[], start: Vector3): { theta: Vector3; sse: number; iterations: number } {
  let theta = clamp(start);
  let current = sse(points, theta);
  let mu = 1e-3;
  let iterations = 0;
  for (; iterations < 1000; iterations++) {
    const { a, b } = normalEquations(points, theta);
    const free = [0, 1, 2].filter((i) => !(theta[i]! <= LOWER[i]! && b[i]! < 0) && !(theta[i]! >= UPPER[i]! && b[i]! > 0) && a[i]![i]! > 0);
    if (free.length === 0) break;
    const scale = free.map((i) => 1 / Math.sqrt(a[i]![i]!));
    let improved = false;
    while (mu < 1e20) {
      const reduced = free.map((i, r) => free.map((j, c) => a[i]![j]! * scale[r]! * scale[c]! + (r === c ? mu : 0)));
      const step = solve(
        reduced,
        free.map((i, r) => b[i]! * scale[r]!),
      );
      if (!step) {
        mu *= 10;
        continue;
      }
      const next = [...theta];
      free.forEach((i, r) => (next[i] = theta[i]! + step[r]! * scale[r]!));
      const candidate = clamp(next);
      const candidateSse = sse(points, candidate);
      if (candidateSse < current) {
        const relativeGain = (current - candidateSse) / Math.max(current, Number.MIN_VALUE);
        const moved = candidate.some((v, i) => Math.abs(v - theta[i]!) > 1e-14 * Math.max(Math.abs(v), 1e-300));
        theta = candidate;
        current = candidateSse;
        mu = Math.max(mu / 10, 1e-12);
        improved = moved && relativeGain > 1e-15;
        break;
      }
      mu *= 10;
    }
    if (!improved) break;
  }
  return { theta, sse: current, iterations };
}

/** σ and κ by linear least squares for a fixed λ: λN/X − 1 = σ(N−1) + κN(N−1), each clamped at 0. */
function startingPoint(points: readonly LoadPoint[], lambda: number): Vector3 {
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    t1 = 0,
    t2 = 0;
  for (const { concurrency: n, throughput: x } of points) {
    const u = n - 1,
      v = n * (n - 1),
      y = (lambda * n) / x - 1;
    s11 += u * u;
    s12 += u * v;
    s22 += v * v;
    t1 += u * y;
    t2 += v * y;
  }
  const both = solve(
    [
      [s11, s12],
      [s12, s22],
    ],
    [t1, t2],
  );
  if (both && both[0]! >= 0 && both[1]! >= 0) return [Math.min(both[0]!, 1), both[1]!, lambda];
  const kappaOnly = s22 > 0 ? Math.max(0, t2 / s22) : 0;
  const sigmaOnly = s11 > 0 ? Math.max(0, t1 / s11) : 0;
  return [Math.min(sigmaOnly, 1), kappaOnly, lambda];
}

function validate(points: readonly LoadPoint[]): void {
  for (const [i, p] of points.entries()) {
    if (!(p.concurrency > 0) || !Number.isFinite(p.concurrency))
      throw new RangeError(`point ${i + 1}: concurrency must be a positive number, got ${p.concurrency}`);
    if (!(p.throughput > 0) || !Number.isFinite(p.throughput))
      throw new RangeError(`point ${i + 1}: throughput must be a positive number, got ${p.throughput}`);
  }
  if (new Set(points.map((p) => p.concurrency)).size < 3) {
    throw new RangeError(
      `the USL has three parameters: it needs points at 3 or more different concurrencies, got ${new Set(points.map((p) => p.concurrency)).size}`,
    );
  }
}

/** Fits σ, κ, λ (σ in [0, 1], κ ≥ 0) to the points; several starting λ guard against a poor local minimum. */
export function fitUsl(points: readonly LoadPoint[]): UslFit {
  validate(points);
  const perUnit = Math.max(...points.map((p) => p.throughput / p.concurrency));
  const best = [1, 1.25, 1.5, 2, 3]
    .map((factor) => levenbergMarquardt(points, startingPoint(points, perUnit * factor)))
    .reduce((a, b) => (b.sse < a.sse ? b : a));
  const [sigma, kappa, lambda] = best.theta;
  const params = { sigma, kappa, lambda };
  const residuals = points.map((p) => p.throughput - uslThroughput(params, p.concurrency));
  const meanX = points.reduce((s, p) => s + p.throughput, 0) / points.length;
  const sst = points.reduce((s, p) => s + (p.throughput - meanX) ** 2, 0);
  return { ...params, ...peakOf(params), rSquared: sst > 0 ? 1 - best.sse / sst : 1, residuals, iterations: best.iterations };
}
