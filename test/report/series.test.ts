// The report's series with worked numbers: planned rates from a run's load plan, the outbox backlog and delivery
// latency from ledger and insurer times, per-window rates.

import { describe, expect, it } from 'vitest';
import { backlogAt, deliveriesOf } from '../../report/delivery.ts';
import { plannedArrivalRate, plannedVus, recordedExecutor } from '../../report/scenarioPlan.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { ratePerWindow, windowsOf } from '../../report/timeline.ts';
import { rampingRate, rampingUsers } from '../engine/fixtures/executors.ts';

describe('plannedArrivalRate', () => {
  it('ramps linearly through the stages, in journeys a second', () => {
    const rate = plannedArrivalRate(
      rampingRate(
        0,
        [
          [10, 10],
          [20, 10],
          [10, 0],
        ],
        50,
      ),
    )!;
    expect(rate(0)).toBe(0);
    expect(rate(5)).toBe(5);
    expect(rate(10)).toBe(10);
    expect(rate(25)).toBe(10);
    expect(rate(35)).toBe(5);
    expect(rate(40)).toBeCloseTo(0, 6);
    expect(rate(41)).toBeNull();
  });

  it('is flat for constant-arrival-rate up to its end, and absent for closed-model executors', () => {
    const rate = plannedArrivalRate({ executor: 'constant-arrival-rate', rate: 2, seconds: 30, maxInFlight: 10 })!;
    expect(rate(10)).toBe(2);
    expect(rate(30)).toBe(2);
    expect(rate(31)).toBeNull();
    expect(plannedArrivalRate({ executor: 'shared-iterations', users: 2, iterations: 20, maxSeconds: 120 })).toBeUndefined();
    expect(plannedArrivalRate(undefined)).toBeUndefined();
  });
});

describe('plannedVus', () => {
  it('follows ramping-vus steps from startUsers, in whole users as the engine starts them', () => {
    const users = plannedVus(
      rampingUsers(2, [
        [0, 4],
        [10, 4],
        [10, 8],
      ]),
    )!;
    expect(users(0)).toBe(4);
    expect(users(5)).toBe(4);
    expect(users(15)).toBe(6);
    expect(users(17.5)).toBe(7);
    expect(users(21)).toBeNull();
    expect(plannedVus({ executor: 'constant-vus', users: 3, seconds: 60 })!(59)).toBe(3);
    expect(plannedVus({ executor: 'constant-arrival-rate', rate: 2, seconds: 30, maxInFlight: 10 })).toBeUndefined();
  });
});

describe('recordedExecutor', () => {
  const plan = { executor: { executor: 'constant-vus', users: 3, seconds: 60 }, gracefulStopSeconds: 10, thresholds: {} };

  it('reads the executor of the plan run.json records', () => {
    expect(recordedExecutor({ plan })).toEqual(plan.executor);
  });

  it('is undefined for a run.json from before runs recorded their plan', () => {
    expect(recordedExecutor({ runId: 'old' })).toBeUndefined();
  });

  it.each([
    [
      'an executor the engine does not know',
      { ...plan, executor: { executor: 'per-vu-iterations', vus: 1 } },
      /run\.json plan \(executor per-vu-iterations, not one of shared-iterations/,
    ],
    ['a ramp without stages', { ...plan, executor: { executor: 'ramping-vus', startUsers: 1 } }, /run\.json plan \(ramping-vus without stages\)/],
    [
      'a negative duration',
      { ...plan, executor: { executor: 'constant-vus', users: 3, seconds: -1 } },
      /run\.json plan \(constant-vus seconds must be a number > 0, got -1\): expected the load plan/,
    ],
    ['no executor at all', { gracefulStopSeconds: 1 }, /run\.json plan \(no executor\)/],
  ])('names run.json and what is wrong for %s', (_, bad, message) => {
    expect(() => recordedExecutor({ plan: bad })).toThrow(UsageError);
    expect(() => recordedExecutor({ plan: bad })).toThrow(message);
  });
});

describe('834 delivery from ledger and insurer times', () => {
  const at = (s: number): string => new Date(Date.UTC(2026, 10, 1) + s * 1000).toISOString();
  const start = Date.UTC(2026, 10, 1);
  const ledger = [
    { confirmationNumber: 'A', confirmedAt: at(1) },
    { confirmationNumber: 'B', confirmedAt: at(2) },
    { confirmationNumber: 'C', confirmedAt: at(3) },
    { confirmationNumber: 'A', confirmedAt: at(9) }, // a ledger line twice: one enrollment
  ];
  // B arrived twice (a duplicate): its first arrival counts. C never arrived.
  const received = [
    { confirmationNumber: 'A', receivedAt: at(4) },
    { confirmationNumber: 'B', receivedAt: at(7) },
    { confirmationNumber: 'B', receivedAt: at(5) },
  ];

  it('pairs each confirmed enrollment with its first arrival', () => {
    expect(deliveriesOf(ledger, received)).toEqual([
      { confirmedMs: start + 1000, receivedMs: start + 4000 },
      { confirmedMs: start + 2000, receivedMs: start + 5000 },
      { confirmedMs: start + 3000, receivedMs: undefined },
    ]);
  });

  it('counts confirmed-but-not-received at each moment; what never arrives stays in the backlog', () => {
    expect(backlogAt(deliveriesOf(ledger, received), start, [0, 1.5, 3, 4, 5, 10])).toEqual([0, 1, 3, 2, 1, 1]);
  });
});

describe('windows and rates', () => {
  it('cuts an hour into seconds and a half-second run into at least ~60 windows', () => {
    expect(windowsOf(0, 3_600_000)).toMatchObject({ seconds: 1, count: 3600 });
    expect(windowsOf(0, 7_200_000)).toMatchObject({ seconds: 2, count: 3600 });
    const short = windowsOf(0, 500);
    expect(short.seconds).toBe(0.01);
    expect(short.count).toBe(50);
  });

  it("never cuts per-second rows finer than a second, and keeps the last row's second in the span", () => {
    // Rows of seconds 0..7, each sample at its second's middle: eight one-second windows, one row each.
    const w = windowsOf(500, 7500, 1);
    expect(w).toMatchObject({ seconds: 1, count: 8 });
    const times = [500, 500, 1500, 7500, 7500, 7500];
    expect(ratePerWindow(w, times)).toEqual([2, 1, 0, 0, 0, 0, 0, 3]);
  });

  it('gives a rate a second per window, weighted when asked', () => {
    const w = windowsOf(0, 4000);
    expect(w.seconds).toBe(0.1);
    const times = [0, 50, 99, 150, 3999];
    expect(ratePerWindow(w, times).slice(0, 2)).toEqual([30, 10]);
    expect(ratePerWindow(w, times, [1, 0, 1, 1, 1])[0]).toBe(20);
    expect(ratePerWindow(w, times).at(-1)).toBe(10);
  });
});
