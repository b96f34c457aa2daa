// Series from an NDJSON metrics file such as a run folder's exchange-metrics.ndjson. Two line shapes are read:
//   {"time": "2026-11-23T08:36:56Z" | epoch-ms, "name": "process_resident_memory_bytes", "value": 123}
//   {"time": ..., "rssBytes": 123, "heapUsedBytes": 45, "eventLoopLagSeconds": 0.002}   (every number a series)
// Times become seconds since `startMs`.

import type { SeriesPoint } from './soak.ts';

export class MetricLineError extends Error {}

function timeOf(raw: unknown, line: number): number {
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) throw new MetricLineError(`line ${line}: "time" must be an ISO timestamp or epoch milliseconds`);
  return ms;
}

export function parseMetricSeries(text: string, startMs: number): Map<string, SeriesPoint[]> {
  const series = new Map<string, SeriesPoint[]>();
  const push = (name: string, t: number, value: number): void => {
    let list = series.get(name);
    if (!list) series.set(name, (list = []));
    list.push({ t, value });
  };
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(raw) as Record<string, unknown>;
    } catch (error) {
      throw new MetricLineError(`line ${line}: not valid JSON (${(error as Error).message})`);
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new MetricLineError(`line ${line}: expected a JSON object`);
    const t = (timeOf(record.time, line) - startMs) / 1000;
    if (typeof record.name === 'string') {
      if (typeof record.value !== 'number') throw new MetricLineError(`line ${line}: "${record.name}" needs a numeric "value"`);
      push(record.name, t, record.value);
      return;
    }
    for (const [key, value] of Object.entries(record)) if (key !== 'time' && typeof value === 'number') push(key, t, value);
  });
  return series;
}
