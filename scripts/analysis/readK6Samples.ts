// Streams a run's k6-samples.json.gz (k6 `--out json`, gzipped) through gunzip line by line into the analysis
// collector, so an hour-long soak is never held in memory as text; the samples kept are cached beside it.

import { existsSync, readFileSync } from 'node:fs';
import { samplesFromRows, type SecondRowLike } from '../../analysis/engineSamples.ts';
import { SampleLineError, sampleCollector, type RunSamples } from '../../analysis/k6Samples.ts';
import { runFile } from '../runFiles.ts';
import { UsageError } from '../usageError.ts';
import { forEachGzipLine } from './gzipLines.ts';
import { readSamplesCache, writeSamplesCache } from './samplesCache.ts';

export async function readSamplesFile(file: string): Promise<RunSamples> {
  if (!existsSync(file)) {
    throw new UsageError(file, "k6's sample output (written by `harness run` since k6 samples are kept per run)", 'Re-run the profile; older run folders lack it.');
  }
  const { addBytes, finish } = sampleCollector();
  try {
    // Lines are found and filtered as bytes: only the points the analyses keep are ever decoded to text.
    await forEachGzipLine(file, addBytes);
  } catch (error) {
    if (error instanceof SampleLineError) throw new UsageError(file, "k6's JSON output, one sample a line", `Its ${error.message}. Re-run the profile to get a clean file.`);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(file, 'a gzip file of k6 JSON output', `It could not be read (${code ? `${code}: ` : ''}${(error as Error).message}); the run may have been cut short. Re-run the profile.`);
  }
  const samples = finish();
  if (samples.points === 0) throw new UsageError(file, 'k6 samples (metric points)', 'It holds none; did the k6 run start? Re-run the profile.');
  return samples;
}

/** The engine's per-second rows of a run (load-seconds.ndjson) as samples; a line that is not a row names itself. */
export function readEngineSeconds(file: string): RunSamples {
  const rows: SecondRowLike[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: SecondRowLike;
      try {
        row = JSON.parse(line) as SecondRowLike;
      } catch (error) {
        throw new UsageError(`${file}:${i + 1}`, "one JSON object a line (the engine's per-second rows)", `It is not JSON (${(error as Error).message}); the run may have been cut short. Re-run the profile.`);
      }
      if (typeof row?.second !== 'number' || !Array.isArray(row.series)) throw new UsageError(`${file}:${i + 1}`, 'a row with second (a number) and series (a list)', 'Re-run the profile to get a clean file.');
      rows.push(row);
    });
  return samplesFromRows(rows);
}

/**
 * A run folder's samples: the engine's per-second rows when the run has them; else k6's JSON output, from the compact
 * cache when it is current (then cached).
 */
export async function readRunSamples(runDir: string): Promise<RunSamples> {
  const engineRows = runFile(runDir, 'loadSeconds');
  if (existsSync(engineRows)) return readEngineSeconds(engineRows);
  const source = runFile(runDir, 'k6Samples');
  const cacheFile = runFile(runDir, 'k6SamplesCache');
  const cached = existsSync(source) ? readSamplesCache(cacheFile, source) : undefined;
  if (cached) return cached;
  const samples = await readSamplesFile(source);
  try {
    writeSamplesCache(cacheFile, source, samples);
  } catch {
    // A read-only run folder (e.g. a committed baseline) is analysed all the same, only not cached.
  }
  return samples;
}
