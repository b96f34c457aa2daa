import { describe, expect, it } from 'vitest';
import {
  bytesPerHour,
  judgeProcessSamples,
  largestEntries,
  loadWindowOf,
  serviceOfCommandLine,
  steadyWarmupSeconds,
  type ProcessSample,
  type Watched,
} from '../../bench/soakSelfSeries.ts';

const MiB = 1024 ** 2;
const START_MS = Date.UTC(2026, 0, 1);

/** Samples every 5 s over `seconds` of load for every process, memory and fds from the given functions of t. */
function samplesOver(seconds: number, memoryMiB: (p: Watched, t: number) => number, fds: (p: Watched, t: number) => number): ProcessSample[] {
  const samples: ProcessSample[] = [];
  for (let t = 0; t <= seconds; t += 5) {
    for (const p of ['engine', 'exchange', 'insurer'] as const)
      samples.push({ at: START_MS + t * 1000, process: p, rssBytes: memoryMiB(p, t) * MiB, fds: fds(p, t) });
  }
  return samples;
}

describe('serviceOfCommandLine', () => {
  it('tells the exchange and the insurer by their main module, and nothing else', () => {
    expect(serviceOfCommandLine('/usr/bin/node --import tsx /work/x/mock-exchange/exchange/main.ts --port 0 --insurer-url http://127.0.0.1:4')).toBe(
      'exchange',
    );
    expect(serviceOfCommandLine('/usr/bin/node --import tsx /work/x/mock-exchange/insurer/main.ts --port 0')).toBe('insurer');
    expect(serviceOfCommandLine('/usr/bin/prometheus --config.file=/tmp/p.yml')).toBeUndefined();
    // A data folder named like a module is not the module.
    expect(serviceOfCommandLine('/usr/bin/node x.ts --data-dir /tmp/mock-exchange/insurer/main.ts.d')).toBeUndefined();
  });
});

describe('loadWindowOf', () => {
  it('runs from the first row second to the end of the last one', () => {
    const text = `${JSON.stringify({ second: 1_000, series: [] })}\n${JSON.stringify({ second: 1_001, series: [] })}\n${JSON.stringify({ second: 1_119, series: [] })}\n`;
    expect(loadWindowOf(text)).toEqual({ startMs: 1_000_000, endMs: 1_120_000 });
  });

  it('is undefined for an empty file and refuses a row with no second', () => {
    expect(loadWindowOf('\n')).toBeUndefined();
    expect(() => loadWindowOf('{"series":[]}\n')).toThrow(/second/);
  });
});

describe('judgeProcessSamples', () => {
  const window = { startMs: START_MS, endMs: START_MS + 3_600_000 };

  it('finds the exchange leaking 60 MiB an hour and its fds creeping while everything else is flat', () => {
    const noise = (t: number): number => ((t * 7919) % 13) - 6; // deterministic wobble of ±6
    const samples = samplesOver(
      3_600,
      (p, t) => (p === 'exchange' ? 200 + (60 * t) / 3_600 : 300) + noise(t) / 10,
      (p, t) => (p === 'exchange' ? 40 + Math.floor(t / 60) : 40 + (noise(t) > 0 ? 1 : 0)),
    );
    const results = judgeProcessSamples(samples, window, 300);
    const of = (p: Watched, m: 'memory' | 'fds') => results.find((r) => r.process === p && r.measure === m)!;
    expect(results).toHaveLength(6);
    expect(of('exchange', 'memory').verdict).toBe('drifting');
    expect(of('exchange', 'memory').slopePerHour).toBeCloseTo(60, 0);
    expect(of('exchange', 'memory').unit).toBe('MiB');
    expect(of('exchange', 'fds').verdict).toBe('drifting');
    expect(of('exchange', 'fds').slopePerHour).toBeCloseTo(60, -1);
    for (const p of ['engine', 'insurer'] as const) {
      expect(of(p, 'memory').verdict).toBe('flat');
      expect(of(p, 'fds').verdict).toBe('flat');
    }
  });

  it('leaves out the warm-up and the samples outside the load', () => {
    // Memory climbs only in the first 5 minutes (warm-up) and is flat after; samples before and after the load are wild.
    const inLoad = samplesOver(
      3_600,
      (_p, t) => Math.min(300, 100 + (200 * t) / 300),
      () => 50,
    );
    const outside: ProcessSample[] = [-60_000, 3_700_000].map((dt) => ({ at: START_MS + dt, process: 'engine', rssBytes: 5_000 * MiB, fds: 9_000 }));
    const engine = judgeProcessSamples([...inLoad, ...outside], window, 300).filter((r) => r.process === 'engine');
    expect(engine.map((r) => r.verdict)).toEqual(['flat', 'flat']);
    expect(engine[0]!.level).toBe(300);
    expect(engine[0]!.points).toBe((3_600 - 300) / 5 + 1);
  });

  it('says too short when a process was never sampled', () => {
    const samples = samplesOver(
      600,
      () => 100,
      () => 10,
    ).filter((s) => s.process !== 'insurer');
    const insurer = judgeProcessSamples(samples, window, 60).filter((r) => r.process === 'insurer');
    expect(insurer.map((r) => [r.verdict, r.points])).toEqual([
      ['too short', 0],
      ['too short', 0],
    ]);
  });
});

describe('steadyWarmupSeconds', () => {
  const ramping = (rampSeconds: number) => ({
    executor: {
      executor: 'ramping-arrival-rate' as const,
      startRate: 0,
      stages: [
        { seconds: rampSeconds, target: 20 },
        { seconds: 6_840, target: 20 },
      ],
      maxInFlight: 5_000,
    },
    gracefulStopSeconds: 160,
  });

  it('waits out the ramp and one journey when they outlast the soak warm-up', () => {
    expect(steadyWarmupSeconds(300, ramping(360))).toBe(520);
    expect(steadyWarmupSeconds(300, ramping(60))).toBe(300);
  });

  it('adds no ramp for a single held stage', () => {
    expect(steadyWarmupSeconds(30, { executor: { executor: 'constant-arrival-rate', rate: 5, seconds: 600, maxInFlight: 100 }, gracefulStopSeconds: 40 })).toBe(
      40,
    );
  });
});

describe('bytesPerHour', () => {
  it('scales bytes over the seconds to an hour, and refuses no duration', () => {
    expect(bytesPerHour(50 * MiB, 240)).toBe(750 * MiB);
    expect(bytesPerHour(0, 7_200)).toBe(0);
    expect(() => bytesPerHour(1, 0)).toThrow(RangeError);
  });
});

describe('largestEntries', () => {
  it('gives the largest first, ties by name, at most n', () => {
    expect(largestEntries({ 'ledger.ndjson': 10, edi: 50, prometheus: 30, 'applicants.ndjson': 30 }, 3)).toEqual([
      ['edi', 50],
      ['applicants.ndjson', 30],
      ['prometheus', 30],
    ]);
  });
});
