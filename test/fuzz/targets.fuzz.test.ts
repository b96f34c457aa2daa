// Bounded-time fuzzing of the files a user hands the CLI: the targets YAML and the capacity points CSV. Whatever the
// text, the parser returns a value or throws its own error type naming the file's problem — nothing else escapes.

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PointsFileError, parsePointsCsv } from '../../analysis/pointsCsv.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { parseTargets } from '../../scripts/targets/load.ts';
import { UsageError } from '../../vocabulary/errors.ts';

const BUDGET = { numRuns: 400, interruptAfterTimeLimit: 8_000 } as const;
const committed = readFileSync(join(PROJECT_ROOT, 'targets.yaml'), 'utf8');
const lines = committed.split('\n');

/** Parses or throws `expected`; any other throw fails the property with the input shown. */
function onlyExpectedErrors<T>(parse: () => T, expected: new (...args: never[]) => Error): T | undefined {
  try {
    return parse();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(expected);
    expect((error as Error).message.length).toBeGreaterThan(0);
    return undefined;
  }
}

const anyValue = fc.oneof(fc.string({ maxLength: 12 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));

const targetsTexts = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  // One line of the committed file with its value replaced: mostly well-formed YAML with one wrong field.
  fc
    .tuple(fc.nat({ max: lines.length - 1 }), anyValue)
    .map(([i, value]) =>
      lines.map((line, j) => (j === i && line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${JSON.stringify(value)}` : line)).join('\n'),
    ),
  fc.tuple(fc.nat({ max: committed.length }), fc.string({ maxLength: 10 })).map(([at, s]) => committed.slice(0, at) + s + committed.slice(at)),
  fc.nat({ max: committed.length }).map((n) => committed.slice(0, n)),
  fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 5 }).map((o) => stringify(o)),
  // YAML's own traps: anchors and aliases, tags, deep nesting.
  fc.constantFrom('a: &x [*x]', '!!binary AAAA', `${'- '.repeat(500)}1`, 'concurrentUsers: !!js/function "() => 1"', 'slo: *missing'),
);

describe('targets parser under fuzzing', () => {
  // The yaml library warns (process.emitWarning) about tags it does not know; hundreds of random ones are only noise here.
  let quiet: ReturnType<typeof vi.spyOn>;
  beforeAll(() => {
    quiet = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  });
  afterAll(() => quiet.mockRestore());

  it('returns targets or throws a UsageError naming the file', () => {
    fc.assert(
      fc.property(targetsTexts, (text) => {
        const targets = onlyExpectedErrors(() => parseTargets(text, 'fuzz.yaml'), UsageError);
        if (targets) expect(targets.slo.p95Ms).toBeGreaterThan(0);
      }),
      BUDGET,
    );
  }, 30_000);
});

describe('points CSV parser under fuzzing', () => {
  const row = fc.tuple(fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 })), fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 })));
  const csv = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.array(row, { maxLength: 8 }).map((rows) => ['concurrency,throughput', ...rows.map(([a, b]) => `${a},${b}`)].join('\n')),
    fc.array(fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(',')).join('\r\n')),
  );
  it('returns points or throws a PointsFileError naming the line', () => {
    fc.assert(
      fc.property(csv, (text) => {
        const points = onlyExpectedErrors(() => parsePointsCsv(text), PointsFileError);
        if (points) for (const p of points.load) expect(Number.isFinite(p.throughput) && p.throughput > 0).toBe(true);
      }),
      BUDGET,
    );
  }, 30_000);
});
