// The samples cache: read back exactly as written, ignored once the k6 output it stands for changes.

import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyRunSamples } from '../../../analysis/k6Samples.ts';
import { readSamplesCache, writeSamplesCache } from '../../../scripts/analysis/samplesCache.ts';

describe('samples cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harness-samples-cache-'));
  const source = join(dir, 'k6-samples.json.gz');
  const cache = join(dir, 'k6-samples.cache.bin');
  writeFileSync(source, 'stand-in for the gzipped k6 output');
  const samples = emptyRunSamples();
  Object.assign(samples, { names: ['GET /a', 'POST /b "quoted"'], start: 1_700_000_000_000.5, end: 1_700_000_060_000, points: 12 });
  samples.requests = { time: [1_700_000_000_001, 1_700_000_000_002.25], duration: [3.5, 0.000123], name: [0, 1] };
  samples.failures = { time: [1_700_000_000_001], failed: [1], name: [1] };
  samples.iterations = [1_700_000_000_003];
  samples.journeysStarted = [1_700_000_000_000.5];
  samples.journeys = { time: [1_700_000_000_003], duration: [21.75] };
  samples.waitingRoom = { time: [1_700_000_000_002], wait: [1250.5] };
  samples.vus = { time: [1_700_000_000_000, 1_700_000_001_000], value: [1, 2] };

  it('reads back exactly what it wrote', () => {
    writeSamplesCache(cache, source, samples);
    expect(readSamplesCache(cache, source)).toEqual(samples);
  });

  it('is ignored when the source changed, is missing or is garbage', () => {
    writeSamplesCache(cache, source, samples);
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(readSamplesCache(cache, source)).toBeUndefined();
    expect(readSamplesCache(join(dir, 'absent.bin'), source)).toBeUndefined();
    writeFileSync(cache, 'garbage');
    expect(readSamplesCache(cache, source)).toBeUndefined();
  });
});
