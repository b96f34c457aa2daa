// The fault-spec parser: every good spec is read exactly; every bad item is named with what was expected.

import { describe, expect, it } from 'vitest';
import { backendDelayOf, BACKEND_DELAY_HOLD_MS, FAULT_SWITCHES, parseFaultSpec, shouldInject } from '../../../mock-exchange/faults/index.ts';
import { UsageError } from '../../../vocabulary/errors.ts';

describe('parseFaultSpec', () => {
  it('reads rates and durations', () => {
    const f = parseFaultSpec('insurer.error=0.1, exchange.latency=250ms,exchange.latency.enroll=2s,insurer.slow=1m,backend.garble.ssn=1');
    expect(f.rate('insurer.error')).toBe(0.1);
    expect(f.durationMs('exchange.latency')).toBe(250);
    expect(f.durationMs('exchange.latency.enroll')).toBe(2000);
    expect(f.durationMs('insurer.slow')).toBe(60_000);
    expect(f.rate('backend.garble.ssn')).toBe(1);
    expect(f.rate('backend.drop')).toBe(0);
    expect(f.toString()).toBe('backend.garble.ssn=1,exchange.latency=250ms,exchange.latency.enroll=2000ms,insurer.error=0.1,insurer.slow=60000ms');
  });

  it('reads an empty spec as no faults', () => {
    expect(parseFaultSpec('').values.size).toBe(0);
    expect(parseFaultSpec(' , ').values.size).toBe(0);
  });

  it('accepts insurer.down and backend.delay as a rate or a duration', () => {
    expect(parseFaultSpec('insurer.down=0.5').rate('insurer.down')).toBe(0.5);
    expect(parseFaultSpec('insurer.down=3s').durationMs('insurer.down')).toBe(3000);
    expect(backendDelayOf(parseFaultSpec('backend.delay=0.2'))).toEqual({ rate: 0.2, holdMs: BACKEND_DELAY_HOLD_MS });
    expect(backendDelayOf(parseFaultSpec('backend.delay=0.2,backend.delay.hold=5s'))).toEqual({ rate: 0.2, holdMs: 5000 });
    expect(backendDelayOf(parseFaultSpec('backend.delay=2s'))).toEqual({ rate: 1, holdMs: 2000 });
  });

  it.each([
    ['insurer.eror=0.1', /insurer\.eror.*known switch name.*insurer\.error/],
    ['nonsense=1', /nonsense.*known switch name.*exchange\.latency/],
    ['insurer.error=1.5', /insurer\.error.*rate between 0 and 1/],
    ['insurer.error=-0.1', /insurer\.error.*rate between 0 and 1/],
    ['insurer.error=250ms', /insurer\.error.*rate between 0 and 1/],
    ['insurer.slow=0.5', /insurer\.slow.*duration such as 250ms/],
    ['exchange.latency=5d', /exchange\.latency.*duration/],
    ['insurer.error', /insurer\.error.*name=value/],
    ['insurer.error=0.1,insurer.error=0.2', /given once/],
  ])('rejects %s naming the item', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(UsageError);
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('knows every route switch', () => {
    for (const route of ['browse', 'account', 'login', 'application', 'eligibility', 'plans', 'enroll', 'enrollment']) {
      expect(FAULT_SWITCHES[`exchange.latency.${route}`]?.kind).toBe('duration');
      expect(FAULT_SWITCHES[`exchange.error.${route}`]?.kind).toBe('rate');
    }
  });
});

describe('shouldInject', () => {
  it('is deterministic by key and close to the rate over many keys', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `backend.drop:CNF-${i}`);
    const hits = keys.filter((k) => shouldInject(0.1, k));
    expect(hits.length).toBeGreaterThan(900);
    expect(hits.length).toBeLessThan(1100);
    expect(keys.filter((k) => shouldInject(0.1, k))).toEqual(hits);
    expect(shouldInject(0, 'x')).toBe(false);
    expect(shouldInject(1, 'x')).toBe(true);
  });
});
