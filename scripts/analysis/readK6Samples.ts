// Streams a run's k6-samples.json.gz (k6 `--out json`, gzipped) through gunzip line by line into the analysis
// collector, so an hour-long soak is never held in memory as text; the samples kept are cached beside it.

import { existsSync } from 'node:fs';
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

/** A run folder's samples: from the compact cache when it is current, else from the JSON (then cached). */
export async function readRunSamples(runDir: string): Promise<RunSamples> {
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
