// A compact copy of the k6 samples the analyses keep, written beside k6-samples.json.gz the first time a run is
// analysed: reading an hour's gzipped JSON costs seconds, this copy milliseconds, so gate, capacity, soak and
// compare on the same run pay for the JSON once. It is only ever a cache: stamped with the source file's size and
// modification time, ignored (and rewritten) when they differ or it cannot be read.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { RunSamples } from '../../analysis/k6Samples.ts';

const FORMAT = 'harness-k6-samples-cache/2';

type ArrayPath = readonly [keyof RunSamples, string?];
/** Every numeric array of RunSamples, in the order the cache stores them. */
const ARRAYS: ArrayPath[] = [
  ['requests', 'time'], ['requests', 'duration'], ['requests', 'name'],
  ['failures', 'time'], ['failures', 'failed'], ['failures', 'name'],
  ['iterations'], ['journeysStarted'], ['journeys', 'time'], ['journeys', 'duration'], ['waitingRoom', 'time'], ['waitingRoom', 'wait'], ['vus', 'time'], ['vus', 'value'],
];

interface Header {
  format: string;
  source: { size: number; mtimeMs: number };
  names: string[];
  start: number;
  end: number;
  points: number;
  lengths: number[];
}

function arrayOf(samples: RunSamples, [field, sub]: ArrayPath): number[] {
  const value = samples[field] as unknown as Record<string, number[]> | number[];
  return sub ? (value as Record<string, number[]>)[sub]! : (value as number[]);
}

const stampOf = (source: string): Header['source'] => {
  const stat = statSync(source);
  return { size: stat.size, mtimeMs: stat.mtimeMs };
};

export function writeSamplesCache(cacheFile: string, source: string, samples: RunSamples): void {
  const arrays = ARRAYS.map((path) => Float64Array.from(arrayOf(samples, path)));
  const header: Header = { format: FORMAT, source: stampOf(source), names: samples.names, start: samples.start, end: samples.end, points: samples.points, lengths: arrays.map((a) => a.length) };
  const headerBytes = Buffer.from(JSON.stringify(header));
  // Float64 data must start at a multiple of 8 bytes.
  const headerLength = Math.ceil((4 + headerBytes.length) / 8) * 8 - 4;
  const out = Buffer.alloc(4 + headerLength + arrays.reduce((n, a) => n + a.byteLength, 0));
  out.writeUInt32LE(headerLength, 0);
  headerBytes.copy(out, 4);
  out.fill(0x20, 4 + headerBytes.length, 4 + headerLength);
  let offset = 4 + headerLength;
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  writeFileSync(cacheFile, out);
}

/** The cached samples, or undefined when there is no valid cache for the source as it is now. */
export function readSamplesCache(cacheFile: string, source: string): RunSamples | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  try {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + headerLength)) as Header;
    const stamp = stampOf(source);
    if (header.format !== FORMAT || header.source.size !== stamp.size || header.source.mtimeMs !== stamp.mtimeMs) return undefined;
    const aligned = new Uint8Array(bytes.length - 4 - headerLength);
    aligned.set(bytes.subarray(4 + headerLength));
    const data = new Float64Array(aligned.buffer);
    let offset = 0;
    const arrays = header.lengths.map((length) => {
      const part = Array.from(data.subarray(offset, offset + length));
      offset += length;
      return part;
    });
    if (offset !== data.length || arrays.length !== ARRAYS.length) return undefined;
    const [requestTime, duration, requestName, failureTime, failed, failureName, iterations, journeysStarted, journeyTime, journeyDuration, waitTime, wait, vusTime, vusValue] = arrays as number[][];
    return {
      requests: { time: requestTime!, duration: duration!, name: requestName! },
      failures: { time: failureTime!, failed: failed!, name: failureName! },
      names: header.names,
      iterations: iterations!,
      journeysStarted: journeysStarted!,
      journeys: { time: journeyTime!, duration: journeyDuration! },
      waitingRoom: { time: waitTime!, wait: wait! },
      vus: { time: vusTime!, value: vusValue! },
      start: header.start,
      end: header.end,
      points: header.points,
    };
  } catch {
    return undefined;
  }
}
