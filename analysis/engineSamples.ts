// The engine's per-second rows (load-seconds.ndjson) as the analyses' RunSamples: each second's histograms expanded
// into their recorded values (HDR precision, 3 significant digits), counters into that many events, the users gauge
// into one point a second. Times are the middle of their second. The analyses, the report and compare read a run
// through this seam.

import * as hdr from 'hdr-histogram-js';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { SeriesSnapshot } from '../engine/metricSet.ts';
import { METRIC_NAMES } from '../vocabulary/metrics/journeys.ts';
import { emptyRunSamples, type RunSamples } from './runSamples.ts';

export interface SecondRowLike {
  second: number;
  series: readonly SeriesSnapshot[];
}

/** Samples are recorded in microseconds; RunSamples hold milliseconds. */
const UNITS_PER_MS = 1000;

/** What histogramValues reads of a decoded HdrHistogram (hdr-histogram-js's JsHistogram): its counts array, walked directly. */
interface CountsArray {
  countsArrayLength: number;
  totalCount: number;
  getCountAtIndex(index: number): number;
  valueFromIndex(index: number): number;
  highestEquivalentValue(value: number): number;
}

/**
 * Every recorded value of a snapshot's histogram (ms) with its count, never above the series' max: each bucket's
 * highest equivalent value, as the library's recordedValuesIterator gives it, read from the counts array directly
 * and stopping at the last sample (the iterator computed every bucket's value and walked the whole array: ten times
 * the time, and the live page reads two histograms a second).
 */
export function histogramValues(snapshot: SeriesSnapshot, visit: (valueMs: number, count: number) => void): void {
  if (!snapshot.histogram) return;
  const histogram = hdr.decodeFromCompressedBase64(snapshot.histogram, 32, false) as hdr.JsHistogram;
  const counts = histogram as unknown as CountsArray;
  let seen = 0;
  for (let i = 0; i < counts.countsArrayLength && seen < counts.totalCount; i++) {
    const count = counts.getCountAtIndex(i);
    if (count === 0) continue;
    seen += count;
    visit(Math.min(counts.highestEquivalentValue(counts.valueFromIndex(i)) / UNITS_PER_MS, snapshot.max), count);
  }
  histogram.destroy();
}

function repeat(times: number[], at: number, count: number): void {
  for (let i = 0; i < count; i++) times.push(at);
}

export function samplesFromRows(rows: Iterable<SecondRowLike>): RunSamples {
  const samples: RunSamples = { ...emptyRunSamples(), resolutionSeconds: 1 };
  const names = new Map<string, number>();
  const nameIndex = (name: string): number => {
    let index = names.get(name);
    if (index === undefined) {
      index = samples.names.length;
      samples.names.push(name);
      names.set(name, index);
    }
    return index;
  };
  for (const row of rows) {
    const at = row.second * 1000 + 500;
    let any = false;
    let users: number | undefined;
    for (const s of row.series) {
      any = true;
      switch (s.name) {
        case ENGINE_METRICS.requestDuration: {
          const name = nameIndex(s.tags.name ?? '(unnamed)');
          histogramValues(s, (value, count) => {
            for (let i = 0; i < count; i++) {
              samples.requests.time.push(at);
              samples.requests.duration.push(value);
              samples.requests.name.push(name);
            }
          });
          break;
        }
        case ENGINE_METRICS.requestFailed: {
          const name = nameIndex(s.tags.name ?? '(unnamed)');
          for (let i = 0; i < s.count; i++) {
            samples.failures.time.push(at);
            samples.failures.failed.push(i < s.sum ? 1 : 0);
            samples.failures.name.push(name);
          }
          break;
        }
        case ENGINE_METRICS.journeyDuration:
          repeat(samples.iterations, at, s.count);
          break;
        case METRIC_NAMES.journeysStarted:
          repeat(samples.journeysStarted, at, s.sum);
          break;
        case METRIC_NAMES.journeyDuration:
          histogramValues(s, (value, count) => {
            for (let i = 0; i < count; i++) {
              samples.journeys.time.push(at);
              samples.journeys.duration.push(value);
            }
          });
          break;
        case METRIC_NAMES.waitingRoomWait:
          histogramValues(s, (value, count) => {
            for (let i = 0; i < count; i++) {
              samples.waitingRoom.time.push(at);
              samples.waitingRoom.wait.push(value);
            }
          });
          break;
        case ENGINE_METRICS.activeUsers:
          users = (users ?? 0) + s.sum;
          break;
      }
    }
    if (users !== undefined) {
      samples.vus.time.push(at);
      samples.vus.value.push(users);
    }
    if (any) {
      if (Number.isNaN(samples.start) || at < samples.start) samples.start = at;
      if (Number.isNaN(samples.end) || at > samples.end) samples.end = at;
    }
  }
  return samples;
}
