// The capacity points file: a CSV with a header line `concurrency,throughput` and, optionally, a `p95_ms` column.
// Parsing is strict; every problem names the line and the column.

import type { LatencyPoint } from './capacityPlan.ts';
import type { LoadPoint } from './usl.ts';

export const REQUIRED_COLUMNS = ['concurrency', 'throughput'] as const;

export class PointsFileError extends Error {}

export interface CapacityPoints {
  load: LoadPoint[];
  /** Present when the file has a p95_ms column. */
  latency: LatencyPoint[];
}

function number(raw: string | undefined, column: string, line: number): number {
  const value = Number(raw?.trim());
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(value)) throw new PointsFileError(`line ${line}: ${column} "${raw ?? ''}" is not a number`);
  if (!(value > 0)) throw new PointsFileError(`line ${line}: ${column} must be greater than 0, got ${value}`);
  return value;
}

export function parsePointsCsv(text: string): CapacityPoints {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
  const header = lines.shift();
  if (!header) throw new PointsFileError('the file is empty; the first line must be the header `concurrency,throughput`');
  const columns = header.text.split(',').map((c) => c.trim().toLowerCase());
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required))
      throw new PointsFileError(
        `line ${header.line}: the header ${JSON.stringify(header.text.length > 60 ? `${header.text.slice(0, 60)}…` : header.text)} has no ${required} column; it must read \`concurrency,throughput\` (and optionally \`,p95_ms\`)`,
      );
  }
  const at = (name: string): number => columns.indexOf(name);
  const hasP95 = columns.includes('p95_ms');
  const load: LoadPoint[] = [];
  const latency: LatencyPoint[] = [];
  for (const { text: row, line } of lines) {
    const cells = row.split(',');
    if (cells.length !== columns.length) throw new PointsFileError(`line ${line}: ${cells.length} values for ${columns.length} columns (${columns.join(',')})`);
    const concurrency = number(cells[at('concurrency')], 'concurrency', line);
    load.push({ concurrency, throughput: number(cells[at('throughput')], 'throughput', line) });
    if (hasP95) latency.push({ concurrency, p95Ms: number(cells[at('p95_ms')], 'p95_ms', line) });
  }
  if (load.length === 0) throw new PointsFileError('no data rows after the header');
  return { load, latency };
}
