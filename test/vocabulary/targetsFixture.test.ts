import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTargets } from '../../scripts/targets/load.ts';
import { testTargets, writeTestTargets } from './targetsFixture.ts';

describe('the test targets', () => {
  it('are valid targets, a fresh copy each time, changed only where asked', () => {
    const a = testTargets();
    a.slo.p95Ms = 1;
    expect(testTargets().slo.p95Ms).toBe(1000);
    expect(testTargets((t) => (t.integrity.deliveryDeadlineSeconds = 4)).integrity.deliveryDeadlineSeconds).toBe(4);
    expect(() => testTargets((t) => (t.funnel.browse = 0.9))).toThrow(/add up to 1/);
  });

  it('write a file the CLI reads back as the same targets', () => {
    const file = writeTestTargets((t) => (t.slo.p95Ms = 0.001));
    expect(parseTargets(readFileSync(file, 'utf8'), file)).toEqual(testTargets((t) => (t.slo.p95Ms = 0.001)));
  });
});
