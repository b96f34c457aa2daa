// The plan's clock as arithmetic: arrivals where the area under the rate reaches each whole number, users on a ramp,
// and segments that split a test into disjoint parts that add up to the whole.

import { describe, expect, it } from 'vitest';
import type { Executor } from '../../engine/plan.ts';
import { arrivalTimes, countInSegment, plannedArrivals, rateAt, usersAt } from '../../engine/schedule.ts';
import { rampingRate, rampingUsers } from './fixtures/executors.ts';

const constant = (rate: number, seconds: number): Executor => ({ executor: 'constant-arrival-rate', rate, seconds, maxInFlight: 100 });

describe('open model schedule', () => {
  it('a constant rate R for D seconds plans ceil(R·D) arrivals, the k-th at k/R', () => {
    const times = [...arrivalTimes(constant(4, 2.5))];
    expect(times).toHaveLength(10);
    expect(plannedArrivals(constant(4, 2.5))).toBe(10);
    expect(plannedArrivals(constant(3, 1.1))).toBe(4); // 3.3 → the arrivals at 0, 1/3, 2/3 and 1 s
    times.forEach(({ k, at }) => expect(at).toBeCloseTo(k / 4, 12));
  });

  it('a ramp from 0 to 10/s over 10 s plans its area (50) with arrival k at √(2k) s', () => {
    const ramp = rampingRate(0, [[10, 10]], 100);
    const times = [...arrivalTimes(ramp)];
    expect(times).toHaveLength(50);
    for (const { k, at } of times) expect(at).toBeCloseTo(Math.sqrt(2 * k), 9);
    expect(rateAt(ramp, 2.5)).toBeCloseTo(2.5, 12);
  });

  it('stages chain: up 0→20 over 2 s (20), hold 20/s for 3 s (60), down to 0 over 2 s (20)', () => {
    const stages = rampingRate(
      0,
      [
        [2, 20],
        [3, 20],
        [2, 0],
      ],
      100,
    );
    const times = [...arrivalTimes(stages)];
    expect(times).toHaveLength(100);
    // During the hold, arrivals are 1/20 s apart; arrival 20 opens it at 2 s, arrival 80 closes it at 5 s.
    expect(times[20]!.at).toBeCloseTo(2, 9);
    expect(times[50]!.at).toBeCloseTo(3.5, 9);
    expect(times[80]!.at).toBeCloseTo(5, 9);
    // Falling from 20/s: the area after t seconds into the stage is 20t − 5t², so arrival 95 comes at t = 1 (s = 6).
    expect(times[95]!.at).toBeCloseTo(6, 9);
    const sorted = times.map((t) => t.at);
    expect([...sorted].sort((a, b) => a - b)).toEqual(sorted);
  });

  it('segments are disjoint and together make the whole schedule', () => {
    const whole = [...arrivalTimes(constant(7, 3))];
    const parts = [0, 1, 2].flatMap((index) => [...arrivalTimes(constant(7, 3), { index, of: 3 })]);
    expect(parts.map((p) => p.k).sort((a, b) => a - b)).toEqual(whole.map((w) => w.k));
    for (const part of parts) expect(part.at).toBeCloseTo(whole[part.k]!.at, 12);
    expect([0, 1, 2].map((index) => countInSegment(21, { index, of: 3 }))).toEqual([7, 7, 7]);
    expect([0, 1, 2].map((index) => countInSegment(5, { index, of: 3 }))).toEqual([2, 2, 1]);
  });
});

describe('closed model users', () => {
  it('a ramp of users interpolates whole users, holds, and ends', () => {
    const ramp = rampingUsers(0, [
      [10, 100],
      [5, 100],
    ]);
    expect(usersAt(ramp, 0)).toBe(0);
    expect(usersAt(ramp, 2.55)).toBe(25);
    expect(usersAt(ramp, 10)).toBe(100);
    expect(usersAt(ramp, 14.9)).toBe(100);
    expect(usersAt(ramp, 15)).toBe(0);
    expect(usersAt({ executor: 'constant-vus', users: 8, seconds: 3 }, 2.9)).toBe(8);
  });
});
