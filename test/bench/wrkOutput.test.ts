import { describe, expect, it } from 'vitest';
import { parseWrkOutput, wrkDurationMs } from '../../bench/wrkOutput.ts';

// wrk 4.1.0's output for `wrk -t2 -c50 -d5s --latency` against bench/bareServer.ts.
const OUTPUT = `Running 5s test @ http://127.0.0.1:38499/
  2 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.24ms    6.75ms 144.89ms   97.86%
    Req/Sec    17.22k     5.19k   22.47k    83.00%
  Latency Distribution
     50%  850.00us
     75%    1.49ms
     90%    2.69ms
     99%    1.20s
  171377 requests in 5.01s, 42.17MB read
  Socket errors: connect 0, read 3, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:  34220.76
Transfer/sec:      8.42MB
`;

describe('parseWrkOutput', () => {
  it('reads the rate, the request count, each percentile in milliseconds and the errors', () => {
    expect(parseWrkOutput(OUTPUT)).toEqual({ requestsPerSecond: 34220.76, requests: 171377, latencyMs: { 50: 0.85, 75: 1.49, 90: 2.69, 99: 1200 }, errors: 9 });
  });

  it('counts no errors when wrk printed none, and no percentiles without --latency', () => {
    const plain = OUTPUT.split('\n')
      .filter((line) => !/%\s+[\d.]+(us|ms|s)\s*$|Socket|Non-2xx/.test(line))
      .join('\n');
    expect(parseWrkOutput(plain)).toMatchObject({ latencyMs: {}, errors: 0 });
  });

  it('names what is missing when the output is not a finished run', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/Requests\/sec/);
  });
});

describe('wrkDurationMs', () => {
  it.each([
    ['850.00us', 0.85],
    ['1.18ms', 1.18],
    ['2.01s', 2010],
    ['1.00m', 60_000],
  ])('%s is %d ms', (text, ms) => expect(wrkDurationMs(text)).toBeCloseTo(ms, 9));

  it('rejects text with no unit', () => expect(() => wrkDurationMs('12')).toThrow(/unit/));
});
