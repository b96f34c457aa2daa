// The USL fit against published results: a golden test on Gunther's SPEC SDM91 data set with the coefficients the
// R package `usl` publishes for it, and exact recovery of known coefficients from noiseless points.

import { describe, expect, it } from 'vitest';
import { fitUsl, peakOf, uslThroughput, type LoadPoint } from '../../analysis/usl.ts';

const points = (load: number[], throughput: number[]): LoadPoint[] => load.map((concurrency, i) => ({ concurrency, throughput: throughput[i]! }));

describe('fitUsl: golden, SPEC SDM91 on a Sun SPARCcenter 2000', () => {
  // Data: N. J. Gunther, Guerrilla Capacity Planning (Springer, 2007), from the SPEC SDM91 results of October 1994:
  // simulated users against script executions per hour. Shipped as the `specsdm91` data set of the R package usl
  // (S. Moeding, https://github.com/smoeding/usl, man/specsdm91.Rd).
  const specsdm91 = points([1, 18, 36, 72, 108, 144, 216], [64.9, 995.9, 1652.4, 1853.2, 1828.9, 1775.0, 1702.2]);
  // Published fit (usl README, `usl(throughput ~ load, specsdm91)` by nonlinear least squares):
  //   alpha (σ) 0.0277285, beta (κ) 0.0001044, gamma (λ) 89.9952330; residual standard error 82.8 on 4 degrees of
  //   freedom; tests/peak-scalability.Rout.save: signif(peak.scalability(u), 2) = 97.
  const fit = fitUsl(specsdm91);

  it('reproduces the published σ, κ and λ', () => {
    expect(fit.sigma).toBeCloseTo(0.0277285, 6);
    expect(fit.kappa).toBeCloseTo(0.0001044, 7);
    expect(fit.lambda).toBeCloseTo(89.995233, 3);
  });

  it('reproduces the published residual standard error and peak', () => {
    const sse = fit.residuals.reduce((s, r) => s + r * r, 0);
    expect(Math.sqrt(sse / (specsdm91.length - 3))).toBeCloseTo(82.8, 1);
    expect(Number(fit.peakConcurrency.toPrecision(2))).toBe(97);
    // N* = √((1 − σ)/κ) and X(N*) from the fitted law itself.
    expect(fit.peakConcurrency).toBeCloseTo(Math.sqrt((1 - fit.sigma) / fit.kappa), 9);
    expect(fit.maxThroughput).toBeCloseTo(uslThroughput(fit, fit.peakConcurrency), 9);
    expect(fit.maxThroughput).toBeGreaterThan(Math.max(...specsdm91.map((p) => p.throughput)));
  });

  it('reproduces the published point of optimal scalability, Nopt = 1/σ ≈ 36 users (man/optimal.scalability)', () => {
    expect(Math.round(fit.optimalConcurrency)).toBe(36);
  });

  it('does not depend on the order of the points', () => {
    const shuffled = fitUsl([...specsdm91].reverse());
    expect(shuffled.sigma).toBeCloseTo(fit.sigma, 6);
    expect(shuffled.kappa).toBeCloseTo(fit.kappa, 8);
  });
});

describe('fitUsl: recovering known coefficients', () => {
  it('finds σ = κ = 0.02, λ = 1 in the usl package test data (tests/coef.R)', () => {
    // X(N) = N / (1 + 0.02(N−1) + 0.02N(N−1)) to four decimals; the package's test expects 0.02, 0.02, 1.00.
    const fit = fitUsl(points([1, 2, 4, 6, 8, 10], [1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557]));
    expect(fit.sigma).toBeCloseTo(0.02, 3);
    expect(fit.kappa).toBeCloseTo(0.02, 3);
    expect(fit.lambda).toBeCloseTo(1, 3);
    expect(fit.peakConcurrency).toBeCloseTo(7, 2);
  });

  it('recovers a step load like the stress profile makes (no point at N = 1)', () => {
    const truth = { sigma: 0.05, kappa: 0.001, lambda: 900 };
    const load = [2, 4, 8, 12, 16, 24, 32, 48];
    const fit = fitUsl(
      points(
        load,
        load.map((n) => uslThroughput(truth, n)),
      ),
    );
    expect(fit.sigma).toBeCloseTo(truth.sigma, 5);
    expect(fit.kappa).toBeCloseTo(truth.kappa, 7);
    expect(fit.lambda).toBeCloseTo(truth.lambda, 2);
    expect(fit.rSquared).toBeCloseTo(1, 9);
  });

  it('holds κ at 0 when throughput only flattens (Amdahl): N* infinite, ceiling λ/σ', () => {
    const truth = { sigma: 0.1, kappa: 0, lambda: 100 };
    const load = [1, 2, 4, 8, 16, 32];
    const fit = fitUsl(
      points(
        load,
        load.map((n) => uslThroughput(truth, n)),
      ),
    );
    expect(fit.kappa).toBeLessThan(1e-9);
    expect(fit.sigma).toBeCloseTo(0.1, 4);
    expect(peakOf({ sigma: 0.1, kappa: 0, lambda: 100 })).toEqual({ peakConcurrency: Infinity, maxThroughput: 1000, optimalConcurrency: 10 });
  });
});

describe('peakOf', () => {
  it('N* = √((1 − σ)/κ), never below one unit of concurrency', () => {
    expect(peakOf({ sigma: 0.0277285, kappa: 0.0001044, lambda: 90 }).peakConcurrency).toBeCloseTo(96.5, 1);
    const saturated = peakOf({ sigma: 1, kappa: 0.06, lambda: 106 });
    expect(saturated.peakConcurrency).toBe(1);
    expect(saturated.maxThroughput).toBe(106);
  });
});

describe('fitUsl: input it refuses', () => {
  it('needs three different concurrencies', () => {
    expect(() => fitUsl(points([1, 1, 2], [10, 11, 19]))).toThrow(/3 or more different concurrencies, got 2/);
  });
  it('names the point that is not positive', () => {
    expect(() => fitUsl(points([1, 2, 4], [10, 0, 30]))).toThrow(/point 2: throughput must be a positive number, got 0/);
    expect(() => fitUsl(points([1, Number.NaN, 4], [10, 20, 30]))).toThrow(/point 2: concurrency/);
  });
});
