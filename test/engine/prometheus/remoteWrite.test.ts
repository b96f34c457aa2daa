// Remote write without Prometheus: the hand-made protobuf decoded by protobufjs from prompb's own message text, the
// engine's rows turned into series (names, labels, cumulative values), and the pusher against a loopback receiver
// that is slow, fails, refuses or is not there.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as protobuf from 'protobufjs';
import { uncompress } from 'snappyjs';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricSet } from '../../../engine/metricSet.ts';
import { ENGINE_SERIES } from '../../../vocabulary/metrics/prometheusNames.ts';
import { NATIVE_SCHEMA } from '../../../engine/prometheus/nativeHistogram.ts';
import { ProtobufWriter, zigzag } from '../../../engine/prometheus/protobufWriter.ts';
import { REMOTE_WRITE_HEADERS, RemoteWriteLabelError, RemoteWriteSeries, writeRequestBody } from '../../../engine/prometheus/remoteWrite.ts';
import { createRemoteWriter } from '../../../engine/prometheus/remoteWriter.ts';
import { histogramField, labelFields, sampleField, timeSeriesField, writeRequest } from '../../../engine/prometheus/writeRequest.ts';
import type { SecondRow } from '../../../engine/runPlan.ts';

// prompb's remote.proto and types.proto (Prometheus 2.42), the messages remote write v1 sends.
const PROMPB = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; reserved 2; repeated MetricMetadata metadata = 3; }
message MetricMetadata { int32 type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
message Exemplar { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
message BucketSpan { sint32 offset = 1; uint32 length = 2; }
message Histogram {
  oneof count { uint64 count_int = 1; double count_float = 2; }
  double sum = 3;
  sint32 schema = 4;
  double zero_threshold = 5;
  oneof zero_count { uint64 zero_count_int = 6; double zero_count_float = 7; }
  repeated BucketSpan negative_spans = 8;
  repeated sint64 negative_deltas = 9;
  repeated double negative_counts = 10;
  repeated BucketSpan positive_spans = 11;
  repeated sint64 positive_deltas = 12;
  repeated double positive_counts = 13;
  int32 reset_hint = 14;
  int64 timestamp = 15;
}`;
const WriteRequest = protobuf.parse(PROMPB, { keepCase: true }).root.lookupType('prometheus.WriteRequest');

interface DecodedSeries {
  labels: { name: string; value: string }[];
  samples: { value: number; timestamp: number }[];
  histograms: Record<string, unknown>[];
}

function decode(message: Uint8Array): DecodedSeries[] {
  const decoded = WriteRequest.toObject(WriteRequest.decode(message), { longs: Number, arrays: true, defaults: false }) as { timeseries: DecodedSeries[] };
  return decoded.timeseries;
}

const labelsOf = (series: DecodedSeries): Record<string, string> => Object.fromEntries(series.labels.map((l) => [l.name, l.value]));
const named = (all: DecodedSeries[], name: string): DecodedSeries[] => all.filter((s) => labelsOf(s).__name__ === name);

describe('protobuf encoding', () => {
  it('writes varints, zigzag and fields as the protobuf spec’s own examples', () => {
    expect([...new ProtobufWriter().varint(150).finish()]).toEqual([0x96, 0x01]);
    expect([...new ProtobufWriter().varint(300).finish()]).toEqual([0xac, 0x02]);
    expect([...new ProtobufWriter().uint(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
    expect([...new ProtobufWriter().string(2, 'testing').finish()]).toEqual([0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67]);
    expect([0, -1, 1, -2, 2147483647, -2147483648].map(zigzag)).toEqual([0, 1, 2, 3, 4294967294, 4294967295]);
    expect(() => new ProtobufWriter().varint(-1)).toThrow(/whole number/);
  });

  it('encodes labels (sorted), float samples and native histograms as prompb decodes them', () => {
    const labels = labelFields([
      { name: 'testid', value: 'run-1' },
      { name: '__name__', value: 'harness_x_seconds' },
      { name: 'name', value: 'GET /plans' },
    ]);
    const at = Date.UTC(2026, 11, 2, 0, 0, 1);
    const histogram = {
      schema: 3,
      zeroThreshold: 2 ** -128,
      zeroCount: 2,
      count: 2 + 7 + 9 + 1,
      sum: 12.5,
      positiveSpans: [
        { offset: -53, length: 2 },
        { offset: 4, length: 1 },
      ],
      positiveDeltas: [7, 2, -8],
    };
    const body = writeRequest([
      timeSeriesField(labels, [histogramField(histogram, at), histogramField({ ...histogram, count: 20, zeroCount: 3 }, at + 1000)]),
      timeSeriesField(labelFields([{ name: '__name__', value: 'c' }]), [sampleField(2 ** 40 + 0.5, at)]),
    ]);
    const [h, c] = decode(body);
    expect(h!.labels.map((l) => l.name)).toEqual(['__name__', 'name', 'testid']);
    expect(labelsOf(h!)).toEqual({ __name__: 'harness_x_seconds', name: 'GET /plans', testid: 'run-1' });
    expect(h!.samples).toEqual([]);
    expect(h!.histograms[0]).toEqual({
      count_int: 19,
      sum: 12.5,
      schema: 3,
      zero_threshold: 2 ** -128,
      zero_count_int: 2,
      positive_spans: [
        { offset: -53, length: 2 },
        { offset: 4, length: 1 },
      ],
      positive_deltas: [7, 2, -8],
      negative_spans: [],
      negative_deltas: [],
      negative_counts: [],
      positive_counts: [],
      timestamp: at,
    });
    expect(h!.histograms[1]).toMatchObject({ count_int: 20, zero_count_int: 3, timestamp: at + 1000 });
    expect(c!.samples).toEqual([{ value: 2 ** 40 + 0.5, timestamp: at }]);
  });
});

/** Simulates the engine: one second's set merged into the totals as runPlan does, and its row. */
function second(totals: MetricSet, at: number, record: (set: MetricSet) => void): SecondRow {
  const set = new MetricSet();
  record(set);
  const series = set.snapshot();
  totals.merge(series, 'replace');
  return { second: at, series };
}

describe('RemoteWriteSeries', () => {
  it('names each kind, labels every series, and carries every series each second at its running total', () => {
    const totals = new MetricSet();
    const series = new RemoteWriteSeries({ testid: 'run-7', shard: '2' });
    const first = second(totals, 100, (set) => {
      set.add('counter', 'http_reqs', 1, { name: 'GET /', status: '200' });
      set.add('counter', 'http_reqs', 1, { name: 'GET /', status: '200' });
      set.add('rate', 'http_req_failed', 0, { name: 'GET /' });
      set.add('rate', 'http_req_failed', 1, { name: 'GET /' });
      set.add('rate', 'checks', 1, { check: 'has plans', testid: 'spoofed' });
      set.add('trend', 'http_req_duration', 10, { name: 'GET /' });
      set.add('trend', 'http_req_duration', 100, { name: 'GET /' });
      set.add('gauge', 'active_users', 12);
      set.add('counter', 'marketplace enrollments', 1, { journey: 'enroll', empty: '' });
    });
    const frame1 = series.frame(first, totals, 101_000);
    const later = second(totals, 101, (set) => {
      set.add('counter', 'http_reqs', 1, { name: 'GET /', status: '200' });
      set.add('trend', 'http_req_duration', 1, { name: 'GET /' });
      set.add('gauge', 'active_users', 3);
    });
    const frame2 = series.frame(later, totals, 102_000);
    expect(frame2.samples.map((s) => s.key)).toEqual(frame1.samples.map((s) => s.key));

    const decoded = decode(uncompress(writeRequestBody([frame1, frame2])));
    expect(decoded.length).toBe(frame1.samples.length);
    for (const s of decoded) expect(labelsOf(s)).toMatchObject({ testid: 'run-7', shard: '2' });

    const [requests] = named(decoded, ENGINE_SERIES.requests);
    expect(labelsOf(requests!)).toEqual({ __name__: 'harness_http_reqs_total', testid: 'run-7', shard: '2', name: 'GET /', status: '200' });
    expect(requests!.samples).toEqual([
      { value: 2, timestamp: 101_000 },
      { value: 3, timestamp: 102_000 },
    ]);

    expect(named(decoded, ENGINE_SERIES.requestFailed.samples)[0]!.samples.map((s) => s.value)).toEqual([2, 2]);
    expect(named(decoded, ENGINE_SERIES.requestFailed.true)[0]!.samples.map((s) => s.value)).toEqual([1, 1]);
    const [checks] = named(decoded, ENGINE_SERIES.checks.true);
    expect(labelsOf(checks!)).toMatchObject({ check: 'has plans', testid: 'run-7', exported_testid: 'spoofed' });

    const [users] = named(decoded, ENGINE_SERIES.activeUsers);
    expect(users!.samples.map((s) => s.value)).toEqual([12, 3]);

    const [duration] = named(decoded, ENGINE_SERIES.requestDuration);
    expect(duration!.samples).toEqual([]);
    expect(duration!.histograms.map((h) => [h.count_int, h.sum, h.schema, h.timestamp])).toEqual([
      [2, 0.11, NATIVE_SCHEMA, 101_000],
      [3, 0.111, NATIVE_SCHEMA, 102_000],
    ]);

    const [journeys] = named(decoded, 'harness_marketplace_enrollments_total');
    expect(labelsOf(journeys!)).toEqual({ __name__: 'harness_marketplace_enrollments_total', testid: 'run-7', shard: '2', journey: 'enroll' });
  });

  it('refuses a fixed label Prometheus would refuse, naming it', () => {
    expect(() => new RemoteWriteSeries({ testid: 'x', 'shard-no': '1' })).toThrow(RemoteWriteLabelError);
    expect(() => new RemoteWriteSeries({ testid: 'x', __meta: '1' })).toThrow(/"__meta"/);
    expect(() => new RemoteWriteSeries({ testid: '' })).toThrow(/label testid: expected a value/);
  });
});

interface Received {
  headers: IncomingMessage['headers'];
  series: DecodedSeries[];
}

/** A loopback receiver; `answer` decides each request's status and how long it takes. */
async function receiver(
  answer: (n: number) => { status: number; delayMs?: number },
): Promise<{ url: string; received: Received[]; maxConcurrent: () => number; server: Server }> {
  const received: Received[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const server = createServer((request, response) => {
    concurrent += 1;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const n = received.length;
      received.push({ headers: request.headers, series: decode(uncompress(new Uint8Array(Buffer.concat(chunks)))) });
      const { status, delayMs = 0 } = answer(n);
      setTimeout(() => {
        concurrent -= 1;
        response.writeHead(status).end(status >= 400 ? 'out of order sample' : '');
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/write`, received, maxConcurrent: () => maxConcurrent, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Pushes `n` seconds of one counter (1, 2 … n requests so far), as onSecond would. */
function pushSeconds(writer: ReturnType<typeof createRemoteWriter>, totals: MetricSet, from: number, n: number): void {
  for (let i = 0; i < n; i++)
    writer.push(
      second(totals, from + i, (set) => set.add('counter', 'http_reqs', 1, { name: 'GET /', status: '200' })),
      totals,
    );
}

const timestampsPerRequest = (received: Received[]): number[] => received.map((r) => named(r.series, ENGINE_SERIES.requests)[0]?.samples.length ?? 0);

describe('createRemoteWriter', () => {
  it('sends remote write’s headers, one request at a time, the seconds queued behind a slow one together', async () => {
    const { url, received, maxConcurrent } = await receiver((n) => ({ status: 204, delayMs: n === 0 ? 600 : 0 }));
    const writer = createRemoteWriter({ url, testid: 'slow' });
    const totals = new MetricSet();
    const started = performance.now();
    pushSeconds(writer, totals, 1_000_000, 6);
    expect(performance.now() - started).toBeLessThan(200);
    const stats = await writer.flush();
    expect(stats).toMatchObject({ secondsPushed: 6, secondsSent: 6, secondsDropped: 0, secondsQueued: 0, requests: 2, failures: 0 });
    expect(maxConcurrent()).toBe(1);
    expect(timestampsPerRequest(received)).toEqual([1, 5]);
    const values = received.flatMap((r) => named(r.series, ENGINE_SERIES.requests)[0]!.samples.map((s) => s.value));
    expect(values).toEqual([1, 2, 3, 4, 5, 6]);
    expect(received[0]!.headers).toMatchObject({
      'content-encoding': REMOTE_WRITE_HEADERS['Content-Encoding'],
      'content-type': REMOTE_WRITE_HEADERS['Content-Type'],
      'x-prometheus-remote-write-version': '0.1.0',
    });
  });

  it('counts a 5xx as a failure and sends the same seconds again', async () => {
    const { url, received } = await receiver((n) => ({ status: n === 0 ? 503 : 204 }));
    const writer = createRemoteWriter({ url, testid: 'flaky' });
    const totals = new MetricSet();
    pushSeconds(writer, totals, 2_000_000, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    pushSeconds(writer, totals, 2_000_001, 1);
    const stats = await writer.flush();
    expect(stats).toMatchObject({ secondsPushed: 2, secondsSent: 2, secondsDropped: 0, failures: 1 });
    expect(stats.lastError).toMatch(/answered 503/);
    expect(timestampsPerRequest(received)).toEqual([1, 2]);
  });

  it('drops the seconds of a request Prometheus refuses (4xx), counted, and goes on with the next', async () => {
    const { url, received } = await receiver((n) => ({ status: n === 0 ? 400 : 204 }));
    const writer = createRemoteWriter({ url, testid: 'refused' });
    const totals = new MetricSet();
    pushSeconds(writer, totals, 3_000_000, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    pushSeconds(writer, totals, 3_000_001, 1);
    const stats = await writer.flush();
    expect(stats).toMatchObject({ secondsPushed: 2, secondsSent: 1, secondsDropped: 1, failures: 1, requests: 2 });
    expect(stats.lastError).toMatch(/answered 400: out of order sample/);
    expect(timestampsPerRequest(received)).toEqual([1, 1]);
  });

  it('never throws when Prometheus is not there: keeps the newest seconds up to its bound and says what failed', async () => {
    const { url, server } = await receiver(() => ({ status: 204 }));
    await new Promise((resolve) => server.close(resolve));
    const writer = createRemoteWriter({ url, testid: 'gone', maxQueuedSeconds: 3, timeoutMs: 1_000 });
    const totals = new MetricSet();
    expect(() => pushSeconds(writer, totals, 4_000_000, 10)).not.toThrow();
    const stats = await writer.flush(1_500);
    expect(stats.secondsSent).toBe(0);
    expect(stats.secondsQueued).toBe(3);
    expect(stats.secondsDropped).toBe(7);
    expect(stats.failures).toBeGreaterThanOrEqual(1);
    expect(stats.lastError).toMatch(/fetch failed \(connect ECONNREFUSED/);
  });

  it('refuses a URL or a testid it cannot use, saying what it expected', () => {
    expect(() => createRemoteWriter({ url: 'localhost:9090', testid: 'x' })).toThrow(/expected http: or https:/);
    expect(() => createRemoteWriter({ url: 'not a url', testid: 'x' })).toThrow(/expected an http\(s\) URL/);
    expect(() => createRemoteWriter({ url: 'http://127.0.0.1:9/api/v1/write', testid: '' })).toThrow(/testid: expected the run id/);
    expect(() => createRemoteWriter({ url: 'http://127.0.0.1:9/api/v1/write', testid: 'x', labels: { 'bad-name': '1' } })).toThrow(/"bad-name"/);
  });
});
