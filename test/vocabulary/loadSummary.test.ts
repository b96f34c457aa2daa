import { describe, expect, it } from 'vitest';
import { loadSummaryJson, loadSummaryProblems, SUMMARY_FORMAT } from '../../vocabulary/loadSummary.ts';

const summary = {
  format: SUMMARY_FORMAT,
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T00:00:10.000Z',
  durationSeconds: 10,
  exitReason: 'finished',
  workers: 2,
  plan: {},
  journeyErrors: [],
  metrics: { http_reqs: { type: 'counter', values: { count: 5, rate: 0.5 } } },
};

describe('load-summary.json', () => {
  it('writes what the engine summarised, checked against the schema', () => {
    expect(JSON.parse(loadSummaryJson(summary))).toEqual(summary);
    expect(() => loadSummaryJson({ ...summary, metrics: { http_reqs: { type: 'histogram', values: {} } } })).toThrow(/type/);
    expect(() => loadSummaryJson({ ...summary, format: 'k6' })).toThrow(/format/);
  });

  it('is readable when it holds a metrics object', () => {
    expect(loadSummaryProblems(summary)).toEqual([]);
    expect(loadSummaryProblems({ metrics: {} })).toEqual([]);
    expect(loadSummaryProblems({ metrics: null })).toHaveLength(1);
    expect(loadSummaryProblems('x')).toHaveLength(1);
  });
});
