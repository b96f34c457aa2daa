// Prometheus remote-write v1 messages, encoded by hand: WriteRequest, TimeSeries, Label, Sample, Histogram and
// BucketSpan, with the field numbers of Prometheus's prompb/remote.proto and types.proto. Each function returns a
// whole field (tag, length, message) ready to be laid beside its siblings in the parent message.

import type { NativeHistogram } from './nativeHistogram.ts';
import { ProtobufWriter } from './protobufWriter.ts';

/** WriteRequest.timeseries */
const WRITE_REQUEST_TIMESERIES = 1;
/** TimeSeries.labels, .samples, .histograms */
const TIMESERIES_LABELS = 1;
const TIMESERIES_SAMPLES = 2;
const TIMESERIES_HISTOGRAMS = 4;
/** Label.name, .value */
const LABEL_NAME = 1;
const LABEL_VALUE = 2;
/** Sample.value, .timestamp */
const SAMPLE_VALUE = 1;
const SAMPLE_TIMESTAMP = 2;
/** Histogram fields (the integer variant: count_int, zero_count_int, positive deltas). */
const HISTOGRAM = { countInt: 1, sum: 3, schema: 4, zeroThreshold: 5, zeroCountInt: 6, positiveSpans: 11, positiveDeltas: 12, timestamp: 15 } as const;
/** BucketSpan.offset, .length */
const SPAN_OFFSET = 1;
const SPAN_LENGTH = 2;

export interface Label {
  name: string;
  value: string;
}

/** A series' labels as TimeSeries.labels fields, sorted by name as remote write requires. */
export function labelFields(labels: readonly Label[]): Uint8Array {
  const sorted = [...labels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const writer = new ProtobufWriter();
  for (const { name, value } of sorted) writer.bytes(TIMESERIES_LABELS, new ProtobufWriter().string(LABEL_NAME, name).string(LABEL_VALUE, value).finish());
  return writer.finish();
}

/** A float sample as a TimeSeries.samples field. */
export function sampleField(value: number, timestampMs: number): Uint8Array {
  const sample = new ProtobufWriter().double(SAMPLE_VALUE, value).uint(SAMPLE_TIMESTAMP, timestampMs).finish();
  return new ProtobufWriter().bytes(TIMESERIES_SAMPLES, sample).finish();
}

/** A native histogram sample as a TimeSeries.histograms field. */
export function histogramField(histogram: NativeHistogram, timestampMs: number): Uint8Array {
  const writer = new ProtobufWriter()
    .uint(HISTOGRAM.countInt, histogram.count)
    .double(HISTOGRAM.sum, histogram.sum)
    .sint(HISTOGRAM.schema, histogram.schema)
    .double(HISTOGRAM.zeroThreshold, histogram.zeroThreshold)
    .uint(HISTOGRAM.zeroCountInt, histogram.zeroCount);
  for (const span of histogram.positiveSpans)
    writer.bytes(HISTOGRAM.positiveSpans, new ProtobufWriter().sint(SPAN_OFFSET, span.offset).uint(SPAN_LENGTH, span.length).finish());
  writer.packedSint(HISTOGRAM.positiveDeltas, histogram.positiveDeltas).uint(HISTOGRAM.timestamp, timestampMs);
  return new ProtobufWriter().bytes(TIMESERIES_HISTOGRAMS, writer.finish()).finish();
}

/** One series (its label fields, then its sample or histogram fields in time order) as a WriteRequest.timeseries field. */
export function timeSeriesField(labels: Uint8Array, samples: readonly Uint8Array[]): Uint8Array {
  const series = new ProtobufWriter().raw(labels);
  for (const sample of samples) series.raw(sample);
  return new ProtobufWriter().bytes(WRITE_REQUEST_TIMESERIES, series.finish()).finish();
}

/** A WriteRequest of these series: the fields laid end to end are the message. */
export function writeRequest(series: readonly Uint8Array[]): Uint8Array {
  const request = new ProtobufWriter();
  for (const field of series) request.raw(field);
  return request.finish();
}
