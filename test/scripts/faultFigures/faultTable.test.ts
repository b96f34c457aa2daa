import { describe, expect, it } from 'vitest';
import { noDefects as none } from '../../../vocabulary/reconciliation.ts';
import { DETECTED_AS, detectionOf, faultClaims, faultRow, type FaultRunFacts } from '../../../scripts/faultFigures/faultTable.ts';
import { FAULT_SWITCHES } from '../../../mock-exchange/faults/switches.ts';

function facts(over: Partial<FaultRunFacts>): FaultRunFacts {
  return {
    spec: 'backend.drop=0.2',
    fault: 'backend.drop',
    enrollments: 117,
    injected: 23,
    classes: { ...none(), lost: 23 },
    garbledByField: {},
    failed834Enrollments: {},
    failedRequests: 0,
    exitCode: 1,
    ...over,
  };
}

describe('fault table rows', () => {
  it('a class fault: injected, detected in its class, nothing elsewhere, the exit code', () => {
    expect(faultRow(facts({}))).toEqual(['`backend.drop=0.2`', '`lost`', '117', '23', '23', '0', '1']);
  });

  it('a garble: detected in its field; garbled in another field is another class', () => {
    const row = faultRow(
      facts({
        spec: 'backend.garble.dob=0.25',
        fault: 'backend.garble.dob',
        injected: 30,
        classes: { ...none(), garbled: 31, late: 2 },
        garbledByField: { dob: 30, ssn: 1 },
      }),
    );
    expect(row.slice(1)).toEqual(['`garbled` (`dob`)', '117', '30', '30', 'late 2, garbled 1', '1']);
  });

  it('an insurer 500 or 503: detected in the failed posts of that status; the run passes', () => {
    const row = faultRow(
      facts({ spec: 'insurer.down=0.2', fault: 'insurer.down', injected: 18, classes: none(), failed834Enrollments: { 503: 18, 500: 4 }, exitCode: 0 }),
    );
    expect(row.slice(1)).toEqual(['no class: 834 posts failed (503) and retried (exchange log)', '117', '18', '18', '0', '0']);
  });

  it('exchange.error: detected as the load engine failed requests', () => {
    const row = faultRow(facts({ spec: 'exchange.error=0.02', fault: 'exchange.error', enrollments: 109, injected: 8, classes: none(), failedRequests: 8 }));
    expect(row.slice(1, 5)).toEqual(['no class: requests failed (load engine)', '109', '8', '8']);
  });

  it('the run with no fault: every defect is another class', () => {
    expect(faultRow(facts({ spec: '', fault: '', injected: 0, classes: { ...none(), phantom: 1 }, exitCode: 1 }))).toEqual([
      'none',
      '— (no fault)',
      '117',
      '0',
      '0',
      'phantom 1',
      '1',
    ]);
    expect(faultRow(facts({ spec: '', fault: '', injected: 0, classes: none(), exitCode: 0 })).slice(3)).toEqual(['0', '0', '0', '0']);
  });

  it('names the switches it knows when asked for another', () => {
    expect(() => detectionOf('insurer.slow')).toThrow(/fault "insurer\.slow": expected one of backend\.drop, /);
  });

  it('knows only switches that exist', () => {
    for (const name of Object.keys(DETECTED_AS)) expect(FAULT_SWITCHES[name], name).toBeDefined();
  });
});

describe('fault table claims', () => {
  it('holds when another run measures other counts with the same relations', () => {
    const a = faultRow(facts({}));
    const b = faultRow(facts({ injected: 24, classes: { ...none(), lost: 24 }, enrollments: 1_117 }));
    expect(b[3]).toBe('24');
    expect(faultClaims(b)).toEqual(faultClaims(a));
    expect(faultClaims(a)).toEqual(['`backend.drop=0.2`', '`lost`', 'injected', 'detected = injected', 'other classes: 0', 'exit 1']);
  });

  it('differs when detection falls short, another class shows, nothing was injected or the exit changes', () => {
    const base = faultClaims(faultRow(facts({})));
    expect(faultClaims(faultRow(facts({ classes: { ...none(), lost: 22 } })))[3]).toBe('detected 22 ≠ injected 23');
    expect(faultClaims(faultRow(facts({ classes: { ...none(), lost: 23, late: 1 } })))).not.toEqual(base);
    expect(faultClaims(faultRow(facts({ injected: 0, classes: none() })))[2]).toBe('none injected');
    expect(faultClaims(faultRow(facts({ exitCode: 0 })))).not.toEqual(base);
  });

  it('reads counts written with thousands separators', () => {
    expect(faultClaims(['`x`', '`lost`', '10,400', '1,234', '1,234', '0', '1'])[3]).toBe('detected = injected');
  });
});
