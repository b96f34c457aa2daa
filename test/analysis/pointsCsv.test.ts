// The capacity points file: strict parsing, each problem naming the line.

import { describe, expect, it } from 'vitest';
import { parsePointsCsv } from '../../analysis/pointsCsv.ts';

describe('parsePointsCsv', () => {
  it('reads concurrency,throughput rows, with comments, blank lines, CRLF and an optional p95_ms column', () => {
    expect(parsePointsCsv('concurrency,throughput\r\n1,64.9\r\n\r\n# a comment\r\n18,995.9\r\n').load).toEqual([
      { concurrency: 1, throughput: 64.9 },
      { concurrency: 18, throughput: 995.9 },
    ]);
    const withLatency = parsePointsCsv('Concurrency, Throughput, p95_ms\n4, 300, 12.5\n');
    expect(withLatency.latency).toEqual([{ concurrency: 4, p95Ms: 12.5 }]);
  });

  it('names the line and the column of each problem', () => {
    expect(() => parsePointsCsv('')).toThrow(/empty; the first line must be the header `concurrency,throughput`/);
    expect(() => parsePointsCsv('users,rate\n1,2\n')).toThrow(/line 1: the header "users,rate" has no concurrency column/);
    expect(() => parsePointsCsv('concurrency,throughput\n1,2\n4,fast\n')).toThrow(/line 3: throughput "fast" is not a number/);
    expect(() => parsePointsCsv('concurrency,throughput\n1,2,3\n')).toThrow(/line 2: 3 values for 2 columns/);
    expect(() => parsePointsCsv('concurrency,throughput\n0,2\n')).toThrow(/line 2: concurrency must be greater than 0/);
    expect(() => parsePointsCsv('concurrency,throughput\n')).toThrow(/no data rows/);
  });
});
