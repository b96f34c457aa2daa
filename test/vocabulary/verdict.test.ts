// verdict.json's contract: what a writer may write, and what a reader is told when a folder holds something else.

import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../verdict/verdict.ts';
import { verdictJson, verdictProblems } from '../../vocabulary/verdict.ts';

describe('verdict.json', () => {
  const verdict = verdictOf('smoke', 'r1', [{ name: 'p95', target: '≤ 1000 ms', actual: 12.5, pass: true, unit: 'ms' }]);

  it('writes what the verdict holds, and reads it back whole', () => {
    expect(JSON.parse(verdictJson(verdict))).toEqual(verdict);
    expect(verdictProblems(JSON.parse(verdictJson(verdict)))).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(
      verdictProblems({ pass: 'yes', profile: 'smoke', runId: 'r1', checks: [{ name: 'p95', target: 1, actual: true, pass: true, unit: 'seconds' }] }),
    ).toEqual([
      'pass: Invalid input: expected boolean, received string',
      'checks.0.target: Invalid input: expected string, received number',
      'checks.0.actual: Invalid input',
      'checks.0.unit: Invalid option: expected one of "ms"|"percent"|"count"|"ratio"',
    ]);
  });

  it('refuses to write a verdict the readers would refuse', () => {
    expect(() => verdictJson({ ...verdict, status: 'MAYBE' } as never)).toThrow(/status/);
  });
});
