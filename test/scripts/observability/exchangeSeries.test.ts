import { describe, expect, it } from 'vitest';
import { parseMetricSeries } from '../../../analysis/metricSeries.ts';
import { exchangeQueueQueries, exchangeSeriesQueries, exportStepSeconds, metricLines } from '../../../scripts/observability/exchangeSeries.ts';

describe('exchange series for soak', () => {
  it('selects the run’s exchange memory, heap and event-loop lag by testid', () => {
    const queries = exchangeSeriesQueries('run-7');
    expect(queries.rssBytes).toBe('sum(exchange_process_resident_memory_bytes{testid="run-7"})');
    expect(queries.eventLoopLagP99Seconds).toBe('max(exchange_nodejs_eventloop_lag_p99_seconds{testid="run-7"})');
  });

  it('selects the run’s waiting-room and outbox gauges by testid, for the report', () => {
    const queries = exchangeQueueQueries('run-7');
    expect(queries.waitingRoomQueueLength).toBe('sum(exchange_waiting_room_queue_length{testid="run-7"})');
    expect(queries.outboxDepth).toBe('sum(exchange_outbox_depth{testid="run-7"})');
    expect(queries.outboxOldestUndeliveredAgeSeconds).toBe('max(exchange_outbox_oldest_undelivered_age_seconds{testid="run-7"})');
  });

  it('keeps a range query under Prometheus’s 11,000 points: 1 s for a short run, 3 s for 8 hours', () => {
    const start = new Date('2026-11-23T00:00:00Z');
    expect(exportStepSeconds(start, new Date('2026-11-23T00:10:00Z'), 1)).toBe(1);
    expect(exportStepSeconds(start, new Date('2026-11-23T08:00:00Z'), 1)).toBe(3);
  });

  it('writes lines that soak reads back as the same series, non-finite values left out', () => {
    const text = metricLines({
      rssBytes: [
        {
          metric: {},
          values: [
            [1_000, 5e8],
            [1_001, 5.1e8],
          ],
        },
      ],
      eventLoopLagP99Seconds: [
        {
          metric: {},
          values: [
            [1_000, Number.NaN],
            [1_001, 0.02],
          ],
        },
      ],
    });
    const series = parseMetricSeries(text, 1_000_000);
    expect(series.get('rssBytes')).toEqual([
      { t: 0, value: 5e8 },
      { t: 1, value: 5.1e8 },
    ]);
    expect(series.get('eventLoopLagP99Seconds')).toEqual([{ t: 1, value: 0.02 }]);
  });
});
