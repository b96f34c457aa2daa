// reconciliation.json's contract: the intact count written once (enrollments.intact), and the shapes of earlier
// versions (a top-level `intact`, alone or beside enrollments.intact) still read with the right count.

import { describe, expect, it } from 'vitest';
import { noDefects, readReconciliation, reconciliationJson, reconciliationProblems, type RunReconciliation } from '../../vocabulary/reconciliation.ts';

const current: RunReconciliation = {
  enrollments: { intended: 3, confirmed: 3, received: 3, intact: 2 },
  classes: { ...noDefects(), garbled: 1 },
  garbledByField: { zip: 1 },
  pendingAtCutOff: { count: 0, waitedSeconds: null },
  examples: [{ class: 'garbled', confirmationNumber: 'EN1', field: 'zip', expected: '10001', received: '10002', detail: 'zip differs' }],
};

describe('reconciliation.json', () => {
  it('is written with the intact count once, in enrollments', () => {
    const written = JSON.parse(reconciliationJson(current));
    expect(written.enrollments.intact).toBe(2);
    expect(written).not.toHaveProperty('intact');
    expect(written).toEqual(current);
  });

  it('refuses to write a top-level intact or a file the readers would refuse', () => {
    expect(() => reconciliationJson({ ...current, intact: 2 } as RunReconciliation)).toThrow(/enrollments\.intact/);
    expect(() => reconciliationJson({ ...current, enrollments: { ...current.enrollments, intact: 'two' } } as never)).toThrow(/intact/);
  });

  it('reads an earlier version with only a top-level intact into enrollments.intact', () => {
    const read = readReconciliation({ enrollments: { confirmed: 5 }, intact: 4, classes: { lost: 1 } });
    expect(read).toEqual({ reconciliation: { enrollments: { confirmed: 5, intact: 4 }, classes: { lost: 1 } } });
  });

  it('reads an earlier version with both, keeping enrollments.intact and dropping the top-level one', () => {
    const read = readReconciliation({ enrollments: { confirmed: 5, intact: 4 }, intact: 4, classes: {} });
    expect(read).toEqual({ reconciliation: { enrollments: { confirmed: 5, intact: 4 }, classes: {} } });
  });

  it('names what is wrong when neither holds the intact count', () => {
    expect(reconciliationProblems({ enrollments: { confirmed: 5 }, classes: {} })).toEqual(['enrollments.intact: expected a number']);
    expect(reconciliationProblems({ enrollments: { confirmed: 5 }, intact: 'all', classes: {} })).toEqual(['enrollments.intact: expected a number']);
    expect(reconciliationProblems([])).toEqual(['(top level): expected a JSON object']);
    expect(reconciliationProblems(JSON.parse(reconciliationJson(current)))).toEqual([]);
  });
});
