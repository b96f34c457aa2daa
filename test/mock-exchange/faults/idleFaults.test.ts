// A fault switch that affected nothing is named, and fails the verdict unless --allow-idle-faults.

import { describe, expect, it } from 'vitest';
import { idleFaults, parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { faultChecks } from '../../../verdict/gate.ts';

describe('idleFaults', () => {
  it('names each switch that was on and injected nothing', () => {
    const spec = parseFaultSpec('insurer.down=5s,backend.drop=0.05,exchange.error.enroll=0.1,insurer.reject=0.2');
    const { judged, idle } = idleFaults(spec, { 'backend.drop': 3, 'exchange.error': 2 });
    expect(judged).toBe(4);
    expect(idle.map((f) => f.item)).toEqual(['insurer.down=5000ms', 'insurer.reject=0.2']);
  });

  it('leaves out switches not counted per enrollment, and switches given as 0', () => {
    const spec = parseFaultSpec('exchange.latency=200ms,exchange.latency.enroll=1s,exchange.cpu=5ms,backend.delay=0.5,backend.delay.hold=8s,insurer.error=0');
    expect(idleFaults(spec, { 'backend.delay': 4 })).toEqual({ judged: 1, idle: [] });
  });
});

describe('faultChecks', () => {
  it('fails on an idle switch, says what it affected, and passes it with --allow-idle-faults', () => {
    expect(faultChecks({ given: 1, idle: ['insurer.down=5000ms'], allowIdle: false })).toEqual([
      { name: 'fault insurer.down=5000ms', target: 'affects ≥ 1 (or --allow-idle-faults)', actual: 'affected 0 requests', pass: false },
    ]);
    expect(faultChecks({ given: 1, idle: ['insurer.down=5000ms'], allowIdle: true })[0]!.pass).toBe(true);
    expect(faultChecks({ given: 2, idle: [], allowIdle: false })).toEqual([
      { name: 'fault switches that fired', target: 'all 2', actual: 'all 2', pass: true },
    ]);
    expect(faultChecks({ given: 0, idle: [], allowIdle: false })).toEqual([]);
  });
});
