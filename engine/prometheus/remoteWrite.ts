// The engine's per-second rows as Prometheus remote-write v1 requests. Each second carries every series the test
// has made so far at its cumulative value, as a scrape would: counters and rates from the running totals, trends as
// native histograms of all their samples, gauges at their last value. Requests are snappy-compressed protobuf.

import { compress } from 'snappyjs';
import type { MetricSet, Series, Tags } from '../metricSet.ts';
import { seriesKey } from '../metricSet.ts';
import type { SecondRow } from '../runPlan.ts';
import { counterName, gaugeName, labelName, rateNames, trendName } from '../../vocabulary/metrics/prometheusNames.ts';
import { nativeHistogramOf, NATIVE_SCHEMA, type NativeHistogram } from './nativeHistogram.ts';
import { histogramField, labelFields, sampleField, timeSeriesField, writeRequest, type Label } from './writeRequest.ts';

export const REMOTE_WRITE_HEADERS = {
  'Content-Encoding': 'snappy',
  'Content-Type': 'application/x-protobuf',
  'X-Prometheus-Remote-Write-Version': '0.1.0',
} as const;

/** One series' sample of one second, encoded. */
export interface SeriesSample {
  key: string;
  labels: Uint8Array;
  sample: Uint8Array;
}

/** One second of every series. */
export interface Frame {
  timestampMs: number;
  samples: SeriesSample[];
}

interface KnownSeries {
  labels: Uint8Array;
  value: number | NativeHistogram;
}

/** A label name Prometheus accepts on a label given to the writer (testid, shard …). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A fixed label the writer was given that Prometheus would refuse. */
export class RemoteWriteLabelError extends Error {
  override name = 'RemoteWriteLabelError';
}

export class RemoteWriteSeries {
  private readonly known = new Map<string, KnownSeries>();
  private readonly fixed: ReadonlyMap<string, string>;
  private readonly schema: number;

  /** `fixed`: labels on every series (testid, and e.g. shard); a tag of the same name is kept as `exported_<tag>`. */
  constructor(fixed: Readonly<Record<string, string>>, schema: number = NATIVE_SCHEMA) {
    for (const [name, value] of Object.entries(fixed)) {
      if (!LABEL_NAME.test(name) || name.startsWith('__'))
        throw new RemoteWriteLabelError(`label ${JSON.stringify(name)}: expected a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)`);
      if (value === '') throw new RemoteWriteLabelError(`label ${name}: expected a value (Prometheus drops a label whose value is empty)`);
    }
    this.fixed = new Map(Object.entries(fixed));
    this.schema = schema;
  }

  private labels(name: string, tags: Tags): Uint8Array {
    const labels = new Map<string, string>();
    for (const [tag, value] of Object.entries(tags)) {
      if (value === '') continue;
      const label = labelName(tag);
      labels.set(this.fixed.has(label) || label === '__name__' ? `exported_${label}` : label, value);
    }
    for (const [label, value] of this.fixed) labels.set(label, value);
    labels.set('__name__', name);
    return labelFields([...labels].map(([n, value]): Label => ({ name: n, value })));
  }

  private set(key: string, name: string, tags: Tags, value: number | NativeHistogram): void {
    const known = this.known.get(key);
    if (known) known.value = value;
    else this.known.set(key, { labels: this.labels(name, tags), value });
  }

  /** Takes the cumulative figures of a series that changed this second (read now: the totals move on). */
  private update(total: Series): void {
    const key = seriesKey(total.name, total.tags);
    switch (total.kind) {
      case 'counter':
        return this.set(key, counterName(total.name), total.tags, total.sum);
      case 'gauge':
        return this.set(key, gaugeName(total.name), total.tags, total.sum);
      case 'rate': {
        const names = rateNames(total.name);
        this.set(`${key}#samples`, names.samples, total.tags, total.count);
        return this.set(`${key}#true`, names.true, total.tags, total.sum);
      }
      case 'trend':
        return this.set(key, trendName(total.name), total.tags, nativeHistogramOf(total.trend!.histogram, total.sum / 1000, this.schema));
    }
  }

  /** The second `row` covers, stamped `timestampMs`: every series so far, at the running totals. */
  frame(row: SecondRow, totals: MetricSet, timestampMs: number): Frame {
    for (const changed of row.series) this.update(totals.series(changed.kind, changed.name, changed.tags));
    const samples: SeriesSample[] = [];
    for (const [key, { labels, value }] of this.known) {
      samples.push({ key, labels, sample: typeof value === 'number' ? sampleField(value, timestampMs) : histogramField(value, timestampMs) });
    }
    return { timestampMs, samples };
  }
}

/** The body of one request carrying these seconds: each series once, its samples in time order; snappy block format. */
export function writeRequestBody(frames: readonly Frame[]): Uint8Array {
  const bySeries = new Map<string, { labels: Uint8Array; samples: Uint8Array[] }>();
  for (const frame of frames) {
    for (const { key, labels, sample } of frame.samples) {
      const series = bySeries.get(key);
      if (series) series.samples.push(sample);
      else bySeries.set(key, { labels, samples: [sample] });
    }
  }
  return compress(writeRequest([...bySeries.values()].map((s) => timeSeriesField(s.labels, s.samples))));
}

export type PostOutcome = { ok: true } | { ok: false; retryable: boolean; message: string };

/**
 * POSTs one request. Never throws: a network error, a timeout, a 5xx or a 429 is worth another try; any other
 * refusal (a 4xx: a sample out of order, a malformed request) is not, as the same bytes would be refused again.
 */
export async function postWriteRequest(url: string, body: Uint8Array, timeoutMs: number): Promise<PostOutcome> {
  try {
    const response = await fetch(url, { method: 'POST', headers: REMOTE_WRITE_HEADERS, body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    if (response.ok) return { ok: true };
    const retryable = response.status >= 500 || response.status === 429;
    return { ok: false, retryable, message: `${url} answered ${response.status}${text.trim() ? `: ${text.trim().slice(0, 300)}` : ''}` };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { ok: false, retryable: true, message: `${url}: ${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
