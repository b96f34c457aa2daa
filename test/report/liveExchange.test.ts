// The exchange's figures on the run page: records read from a Prometheus exposition (sums of its own samples, the
// worst process, quantiles of a histogram since the previous reading), kept in the bounded store, drawn on the
// engine's clock.

import { describe, expect, it } from 'vitest';
import { EXCHANGE_DEFAULT_METRICS_PREFIX, processMetricNames } from '../../vocabulary/metrics/process.ts';
import { EXCHANGE_METRICS as X } from '../../vocabulary/metrics/exchange.ts';
import { ExchangeScrape, exposedSums, LiveExchange, liveExchangeCharts, quantileBetween } from '../../report/liveExchange.ts';

const P = processMetricNames(EXCHANGE_DEFAULT_METRICS_PREFIX);

const exposition = (
  depth: number,
  confirmed: number,
  buckets: [string, number][] = [
    ['1', 99],
    ['+Inf', 99],
  ],
): string => `# HELP ${X.outboxDepth} Enrollments not yet acknowledged.
# TYPE ${X.outboxDepth} gauge
${X.outboxDepth} ${depth}
# TYPE ${X.enrollmentsConfirmed} counter
${X.enrollmentsConfirmed}{metal="silver"} ${confirmed - 1}
${X.enrollmentsConfirmed}{metal="gold"} 1
${buckets.map(([le, n]) => `${X.deliveryLatency}_bucket{le="${le}"} ${n}`).join('\n')}
${X.deliveryLatency}_sum 12.5
${X.waitingRoomQueued} 0
${P.eventLoopLagP99}{worker="1"} 0.02
${P.eventLoopLagP99}{worker="2"} 0.05
`;

describe('exposedSums', () => {
  it('sums every label set of each metric, counts no _bucket or _sum, and says null for a metric not exposed', () => {
    expect(exposedSums(exposition(4, 10), [X.outboxDepth, X.enrollmentsConfirmed, X.waitingRoomQueued, X.edi834Accepted, X.deliveryLatency])).toEqual([
      4,
      10,
      0,
      null,
      null,
    ]);
  });

  it('skips a sample that is not a number', () => {
    expect(exposedSums(`${X.outboxDepth} NaN\n${X.outboxDepth}{shard="b"} 2\n`, [X.outboxDepth])).toEqual([2]);
  });
});

describe('quantileBetween', () => {
  it('interpolates within the bucket of the observations since the previous reading, as histogram_quantile does', () => {
    // 10 new observations: 4 up to 1 s, 6 in (1, 5].
    const before: [number, number][] = [
      [1, 10],
      [5, 10],
      [Infinity, 10],
    ];
    const after: [number, number][] = [
      [1, 14],
      [5, 20],
      [Infinity, 20],
    ];
    expect(quantileBetween(before, after, 0.2)).toBeCloseTo(0.5, 9);
    expect(quantileBetween(before, after, 0.7)).toBeCloseTo(1 + (4 * 3) / 6, 9);
    expect(quantileBetween(after, after, 0.5)).toBeNull();
    // Above the last finite bound: that bound, as Prometheus says.
    expect(
      quantileBetween(
        undefined,
        [
          [1, 0],
          [Infinity, 5],
        ],
        0.5,
      ),
    ).toBe(1);
    // The exchange restarted (counts fell): counted from zero.
    expect(
      quantileBetween(
        after,
        [
          [1, 2],
          [5, 2],
          [Infinity, 2],
        ],
        0.5,
      ),
    ).toBeCloseTo(0.5, 9);
  });
});

describe('ExchangeScrape', () => {
  it('reads each series the page draws: sums, the worst process, the delivery latency since the last reading', () => {
    const scrape = new ExchangeScrape();
    const first = scrape.read(
      exposition(4, 10, [
        ['1', 0],
        ['5', 10],
        ['+Inf', 10],
      ]),
    );
    expect(first).toMatchObject({
      outboxDepth: 4,
      enrollmentsConfirmed: 10,
      waitingRoomQueueLength: 0,
      edi834Accepted: null,
      eventLoopLagP99Seconds: 0.05,
      rssBytes: null,
    });
    expect(first.deliveryLatencyP50Seconds).toBeCloseTo(3, 9);
    // Ten more, all within a second.
    const second = scrape.read(
      exposition(4, 12, [
        ['1', 10],
        ['5', 20],
        ['+Inf', 20],
      ]),
    );
    expect(second.deliveryLatencyP50Seconds).toBeCloseTo(0.5, 9);
    expect(
      scrape.read(
        exposition(4, 12, [
          ['1', 10],
          ['5', 20],
          ['+Inf', 20],
        ]),
      ).deliveryLatencyP95Seconds,
    ).toBeNull();
  });
});

describe('liveExchangeCharts', () => {
  it('draws the readings on the engine clock (x = 0 at its first row), absent with the reason given until there is one', () => {
    const live = new LiveExchange();
    const none = liveExchangeCharts(live, undefined, 'from here', 'no reading yet.');
    expect(none.every((c) => c.kind === 'absent' && c.reason === 'no reading yet.')).toBe(true);
    const scrape = new ExchangeScrape();
    live.push(1000.5, scrape.read(exposition(3, 5)));
    live.push(1001.5, scrape.read(exposition(1, 8)));
    const charts = liveExchangeCharts(live, 1000, 'from here', 'no such series.');
    expect(charts.map((c) => c.id)).toEqual([
      'exchange-waiting-room',
      'exchange-outbox',
      'exchange-outbox-age',
      'exchange-enrollments',
      'exchange-delivery',
      'memory',
      'event-loop',
    ]);
    const outbox = charts[1]!;
    expect(outbox.kind === 'chart' && { x: outbox.x, values: outbox.series[0]!.values, caption: outbox.caption }).toEqual({
      x: [0.5, 1.5],
      values: [3, 1],
      caption: expect.stringMatching(/, from here\.$/),
    });
    // A series the exchange never exposed is left off its chart; a chart with none says why.
    const enrollments = charts[3]!;
    expect(enrollments.kind === 'chart' && enrollments.series.map((s) => [s.label, s.values])).toEqual([['confirmed', [5, 8]]]);
    expect(charts[2]).toMatchObject({ kind: 'absent', reason: 'no such series.' });
    const lag = charts[6]!;
    expect(lag.kind === 'chart' && { unit: lag.yLabel, values: lag.series[0]!.values }).toEqual({ unit: 'ms', values: [50, 50] });
  });
});
