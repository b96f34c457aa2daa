// The exchange's figures on the live page: sums read from a Prometheus exposition (its own samples only), kept in
// the bounded store, drawn on the engine's clock.

import { describe, expect, it } from 'vitest';
import { EXCHANGE_METRICS as X } from '../../mock-exchange/exchange/metricNames.ts';
import { exposedSums, LiveExchange, liveExchangeCharts } from '../../report/liveExchange.ts';

const exposition = (depth: number, confirmed: number): string => `# HELP ${X.outboxDepth} Enrollments not yet acknowledged.
# TYPE ${X.outboxDepth} gauge
${X.outboxDepth} ${depth}
# TYPE ${X.enrollmentsConfirmed} counter
${X.enrollmentsConfirmed}{metal="silver"} ${confirmed - 1}
${X.enrollmentsConfirmed}{metal="gold"} 1
${X.deliveryLatency}_bucket{le="1"} 99
${X.deliveryLatency}_sum 12.5
${X.waitingRoomQueued} 0
`;

describe('exposedSums', () => {
  it('sums every label set of each metric, counts no _bucket or _sum, and says null for a metric not exposed', () => {
    expect(exposedSums(exposition(4, 10), [X.outboxDepth, X.enrollmentsConfirmed, X.waitingRoomQueued, X.edi834Accepted, X.deliveryLatency])).toEqual([4, 10, 0, null, null]);
  });

  it('skips a sample that is not a number', () => {
    expect(exposedSums(`${X.outboxDepth} NaN\n${X.outboxDepth}{shard="b"} 2\n`, [X.outboxDepth])).toEqual([2]);
  });
});

describe('liveExchangeCharts', () => {
  it('draws the scrapes on the engine clock (x = 0 at its first row), absent until the first scrape', () => {
    const live = new LiveExchange();
    expect(liveExchangeCharts(live, undefined).every((c) => c.kind === 'absent')).toBe(true);
    live.failures = 2;
    expect(liveExchangeCharts(live, undefined)[0]).toMatchObject({ kind: 'absent', reason: expect.stringMatching(/has not answered/) });
    live.push(1000.5, exposition(3, 5));
    live.push(1001.5, exposition(1, 8));
    const charts = liveExchangeCharts(live, 1000);
    expect(charts.map((c) => c.id)).toEqual(['exchange-waiting-room', 'exchange-outbox', 'exchange-enrollments']);
    const outbox = charts[1]!;
    expect(outbox.kind === 'chart' && { x: outbox.x, values: outbox.series[0]!.values }).toEqual({ x: [0.5, 1.5], values: [3, 1] });
    const enrollments = charts[2]!;
    expect(enrollments.kind === 'chart' && enrollments.series.map((s) => s.values)).toEqual([[5, 8], [null, null]]);
  });
});
