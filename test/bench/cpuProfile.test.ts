// Reading a V8 CPU profile into self time by function and by file, idle left out of the shares.

import { describe, expect, it } from 'vitest';
import { fileOf, formatSummary, summarizeProfile, type CpuProfile } from '../../bench/cpuProfile.ts';

const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

describe('summarizeProfile', () => {
  it('charges each sample its time delta, ranks self time by function and by file, and leaves idle out of the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)', ''),
        frame(2, '(idle)', ''),
        frame(3, 'confirm', 'file:///work/x/mock-exchange/exchange/store.ts', 9),
        frame(4, 'sqliteTransaction', 'file:///work/x/node_modules/better-sqlite3/lib/methods/transaction.js', 51),
        frame(5, 'run', ''),
        frame(6, 'parse', 'file:///work/x/node_modules/@scope/pkg/index.js', 0),
      ],
      startTime: 0,
      endTime: 1_000_000,
      samples: [2, 3, 4, 4, 5, 6, 2],
      timeDeltas: [500_000, 100_000, 150_000, 150_000, 40_000, 10_000, 50_000],
    };
    const s = summarizeProfile(profile);
    expect(s.wallMs).toBe(1000);
    expect(s.busyMs).toBe(450);
    expect(s.byFunction.map((t) => [t.name, t.ms])).toEqual([
      ['sqliteTransaction (node_modules/better-sqlite3:52)', 300],
      ['confirm (mock-exchange/exchange/store.ts:10)', 100],
      ['run (native)', 40],
      ['parse (node_modules/@scope/pkg:1)', 10],
    ]);
    expect(s.byFunction[0]!.share).toBeCloseTo(300 / 450);
    expect(s.byFile.map((t) => t.name)).toEqual(['node_modules/better-sqlite3', 'mock-exchange/exchange/store.ts', '(native)', 'node_modules/@scope/pkg']);
    expect(formatSummary('exchange', s)).toContain('busy 450 ms of 1,000 ms profiled (45.0 %)');
  });

  it('names node built-ins and V8 pseudo-frames as themselves', () => {
    expect(fileOf('node:_http_server', 'writeHead')).toBe('node:_http_server');
    expect(fileOf('', '(garbage collector)')).toBe('(garbage collector)');
  });
});
