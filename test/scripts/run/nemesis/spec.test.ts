// The nemesis spec: what a good one schedules, and what each bad one is told (exit 2, the item named, an example).

import { describe, expect, it } from 'vitest';
import { checkNemesisOptions } from '../../../../scripts/run/nemesis/options.ts';
import { DEFAULT_PAUSE_HOLD_MS, nemesisSchedule, parseNemesisSpec, nemesisSpecText } from '../../../../scripts/run/nemesis/spec.ts';
import { UsageError } from '../../../../vocabulary/errors.ts';

function refusal(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError, nothing was thrown');
}

describe('parseNemesisSpec', () => {
  it('reads times, holds and intervals, with the default holds', () => {
    expect(parseNemesisSpec(' kill-exchange@10s , pause-insurer@15s:3s,pause-exchange@1.5s,kill-insurer/every=20s:1s,pause-exchange/every=1m:500ms')).toEqual([
      { item: 'kill-exchange@10s', kind: 'kill-exchange', atMs: 10_000, holdMs: 0 },
      { item: 'pause-insurer@15s:3s', kind: 'pause-insurer', atMs: 15_000, holdMs: 3_000 },
      { item: 'pause-exchange@1.5s', kind: 'pause-exchange', atMs: 1_500, holdMs: DEFAULT_PAUSE_HOLD_MS },
      { item: 'kill-insurer/every=20s:1s', kind: 'kill-insurer', everyMs: 20_000, holdMs: 1_000 },
      { item: 'pause-exchange/every=1m:500ms', kind: 'pause-exchange', everyMs: 60_000, holdMs: 500 },
    ]);
  });

  it('reads an empty spec as no event, and gives the spec back as given', () => {
    expect(parseNemesisSpec('')).toEqual([]);
    expect(parseNemesisSpec(' , ')).toEqual([]);
    expect(nemesisSpecText(parseNemesisSpec('kill-exchange@0s, pause-insurer@2s:1s'))).toBe('kill-exchange@0s,pause-insurer@2s:1s');
  });

  it.each([
    ['kill-exchange', /nemesis "kill-exchange": expected KIND@TIME\[:HOLD\] or KIND\/every=INTERVAL\[:HOLD\]/],
    ['kill-exchange=10s', /nemesis "kill-exchange=10s": expected KIND@TIME/],
    ['crash-exchange@10s', /nemesis "crash-exchange@10s": expected a kind among kill-exchange, kill-insurer, pause-exchange, pause-insurer/],
    ['kill-exchange@10', /nemesis "kill-exchange@10": expected the time after "@" .* as a duration such as 500ms, 10s or 1m/],
    ['kill-exchange@-1s', /nemesis "kill-exchange@-1s": expected the time after "@"/],
    ['kill-exchange@', /nemesis "kill-exchange@": expected the time after "@"/],
    ['pause-insurer@5s:0s', /nemesis "pause-insurer@5s:0s": expected the hold after ":" as a duration/],
    ['pause-insurer@5s:', /nemesis "pause-insurer@5s:": expected the hold after ":"/],
    ['kill-insurer/every=0s', /nemesis "kill-insurer\/every=0s": expected the interval after "\/every="/],
    ['kill-insurer/every=500ms', /nemesis "kill-insurer\/every=500ms": expected an interval of at least 1 s and longer than the hold/],
    ['pause-exchange/every=2s:3s', /nemesis "pause-exchange\/every=2s:3s": expected an interval of at least 1 s and longer than the hold/],
  ])('refuses %j with exit 2, naming the item, what was expected and an example', (spec, message) => {
    const error = refusal(() => parseNemesisSpec(`kill-exchange@1s,${spec}`));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/e\.g\. /);
  });
});

describe('nemesisSchedule', () => {
  it('puts every "@" event and the intervals up to the horizon in time order, ties in the order given', () => {
    const items = parseNemesisSpec('pause-insurer@20s:2s,kill-exchange/every=10s,kill-insurer@10s,pause-exchange@99s');
    expect(nemesisSchedule(items, 35_000)).toEqual([
      { kind: 'kill-exchange', atMs: 10_000, holdMs: 0, once: false },
      { kind: 'kill-insurer', atMs: 10_000, holdMs: 0, once: true },
      { kind: 'pause-insurer', atMs: 20_000, holdMs: 2_000, once: true },
      { kind: 'kill-exchange', atMs: 20_000, holdMs: 0, once: false },
      { kind: 'kill-exchange', atMs: 30_000, holdMs: 0, once: false },
      // past the horizon, but given with "@": planned, so that the verdict can say it never happened
      { kind: 'pause-exchange', atMs: 99_000, holdMs: 3_000, once: true },
    ]);
  });
});

describe('checkNemesisOptions', () => {
  it('returns the items of a spec the run can carry out', () => {
    expect(checkNemesisOptions('pause-insurer@1s', { shards: 1, faults: 'insurer.error=0.1' })).toHaveLength(1);
    expect(checkNemesisOptions('kill-insurer@1s', { shards: 1, faults: 'exchange.error=0.1' })).toHaveLength(1);
  });

  it.each([
    [
      'kill-exchange@1s',
      { baseUrl: 'http://127.0.0.1:8080', shards: 1, faults: '' },
      /--nemesis with --base-url http:\/\/127\.0\.0\.1:8080: expected one of them/,
    ],
    ['kill-exchange@1s', { shards: 2, faults: '' }, /--nemesis with --shards 2: expected one shard/],
    [
      'kill-insurer/every=5s',
      { shards: 1, faults: 'insurer.down=5s' },
      /--nemesis kill-insurer with --faults insurer\.down: expected insurer\.\* switches, or kill-insurer, not both/,
    ],
    ['', { shards: 1, faults: '' }, /--nemesis "": expected at least one item/],
  ])('refuses %j where the harness cannot carry it out (exit 2)', (spec, others, message) => {
    const error = refusal(() => checkNemesisOptions(spec, others));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });
});
