// The generate command's bad input: a clear message naming the input, and exit 2.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHarness } from '../../e2e/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-generate-'));
const out = join(dir, 'households.ndjson');
// A folder that cannot be made: its parent is a file (a missing folder would simply be created).
const underAFile = join(dir, 'a-file', 'x.ndjson');
writeFileSync(join(dir, 'a-file'), '');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('harness generate: bad input', () => {
  it.each([
    [['--count', '-1', '--out', out], /--count -1: expected a whole number ≥ 1/],
    [['--count', 'abc', '--out', out], /--count abc: expected a whole number ≥ 1/],
    [['--count', '5', '--plan-year', '2031', '--out', out], /--plan-year 2031: expected 2025 or 2026/],
    [
      ['--count', '5', '--out', underAFile],
      /--out .*a-file\/x\.ndjson: expected a file in a folder that can be created and written\. .*a-file is a file, not a folder/,
    ],
    [['--count', '5'], /--out: expected the file to write/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const result = await runHarness(['generate', ...args]);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(result.stderr).toMatch(message);
  });

  it('writes the file and says so when the input is good', async () => {
    const result = await runHarness(['generate', '--count', '3', '--seed', '2', '--out', out]);
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(result.stderr).toMatch(/generated 3 households \(seed 2, plan year 2026\)/);
  });
});
