// run.json's contract: what the writer may write and what the readers are told when a folder holds something else.

import { describe, expect, it } from 'vitest';
import { runRecordJson, runRecordProblems } from '../../vocabulary/runRecord.ts';

describe('run.json', () => {
  it('names each wrong field with what was expected', () => {
    expect(runRecordProblems({ runId: 5 })).toEqual(['runId: expected a string', 'profile: expected a string', 'count: expected the number of applicants']);
    expect(runRecordProblems({ runId: 'r', profile: 'smoke', count: 2, loadExitCode: 'zero', intendedEnrollments: 'all' })).toEqual([
      'intendedEnrollments: expected a number or null',
      'loadExitCode: expected a number',
    ]);
    expect(runRecordProblems([])).toEqual(['(top level): expected a JSON object']);
    expect(runRecordProblems(null)).toEqual(['(top level): expected a JSON object']);
  });

  it('reads the minimal record of an old run and keeps fields it does not know', () => {
    expect(runRecordProblems({ runId: 'r', profile: 'smoke', count: 2 })).toEqual([]);
    expect(JSON.parse(runRecordJson({ runId: 'r', profile: 'smoke', count: 2, futureField: 1 } as never))).toEqual({
      runId: 'r',
      profile: 'smoke',
      count: 2,
      futureField: 1,
    });
  });

  it('refuses to write a record the readers would refuse', () => {
    expect(() => runRecordJson({ runId: 'r', profile: 'smoke', count: 2, metrics: { testid: 't' } } as never)).toThrow(/prometheusDir/);
  });
});
