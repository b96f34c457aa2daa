// A run folder's samples come from the engine's load-seconds.ndjson only: its rows read back as the analyses'
// samples, and every other folder (none, before the engine, a cut-short or foreign file) a UsageError that names
// the file (and line) and says to re-run the profile.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_METRICS as M } from '../../../vocabulary/metrics/engine.ts';
import { MetricSet } from '../../../engine/metricSet.ts';
import { readRunSamples } from '../../../scripts/analysis/readRunSamples.ts';
import { UsageError } from '../../../vocabulary/errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-read-run-samples-'));
const folder = (name: string, files: Record<string, string>): string => {
  const path = join(dir, name);
  mkdirSync(path);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
};

function rowLine(second: number, users: number, latenciesMs: number[]): string {
  const set = new MetricSet();
  set.add('gauge', M.activeUsers, users);
  for (const ms of latenciesMs) set.add('trend', M.requestDuration, ms, { name: 'GET /plans' });
  return JSON.stringify({ second, series: set.snapshot() });
}

const messageOf = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('readRunSamples', () => {
  it('reads the rows of load-seconds.ndjson as samples, blank lines skipped', () => {
    const run = folder('good', { 'load-seconds.ndjson': `${rowLine(100, 4, [10, 20])}\n\n${rowLine(101, 6, [30])}\n` });
    const samples = readRunSamples(run);
    expect(samples.requests.time).toEqual([100_500, 100_500, 101_500]);
    expect(samples.requests.duration.map(Math.round)).toEqual([10, 20, 30]);
    expect(samples.names).toEqual(['GET /plans']);
    expect(samples.vus).toEqual({ time: [100_500, 101_500], value: [4, 6] });
    expect([samples.start, samples.end]).toEqual([100_500, 101_500]);
  });

  it('says a folder without load-seconds.ndjson (made before the engine) needs the profile re-run', () => {
    const run = folder('before-the-engine', { 'other-samples.json.gz': 'old samples' });
    expect(messageOf(() => readRunSamples(run))).toMatch(
      new RegExp(
        `^${join(run, 'load-seconds.ndjson')}: expected the load engine's per-second measurements, written by \`harness run\`\\. The run folder has none: .* Re-run the profile\\.$`,
      ),
    );
  });

  it('names the line that is not JSON, or not a row, and a file with no rows', () => {
    const cut = folder('cut-short', { 'load-seconds.ndjson': `${rowLine(100, 1, [5])}\n{"second":101,"ser` });
    expect(messageOf(() => readRunSamples(cut))).toMatch(
      /load-seconds\.ndjson:2: expected one JSON object a line \(the engine's per-second rows\)\. It is not JSON .* Re-run the profile\./,
    );
    const foreign = folder('foreign', { 'load-seconds.ndjson': '{"metric":"vus","type":"Point","data":{"value":1}}\n' });
    expect(messageOf(() => readRunSamples(foreign))).toMatch(
      /load-seconds\.ndjson:1: expected a row with second \(a number\) and series \(a list\)\. Re-run the profile/,
    );
    const none = folder('no-rows', { 'load-seconds.ndjson': '\n' });
    expect(messageOf(() => readRunSamples(none))).toMatch(
      /load-seconds\.ndjson: expected the engine's per-second rows, one JSON object a line\. It holds none/,
    );
  });
});
