// Reading a run folder's files: reconciliation.json through its schema, an earlier version's shape normalised.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOptionalReconciliation } from '../../../scripts/analysis/runInputs.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('readOptionalReconciliation', () => {
  it('is read from an old run folder with the right count, and a malformed one is a usage error naming the field', () => {
    dir = mkdtempSync(join(tmpdir(), 'run-inputs-'));
    expect(readOptionalReconciliation(dir)).toBeUndefined();
    writeFileSync(join(dir, 'reconciliation.json'), JSON.stringify({ enrollments: { confirmed: 7 }, intact: 6, classes: { lost: 1 } }));
    expect(readOptionalReconciliation(dir)?.enrollments.intact).toBe(6);
    writeFileSync(join(dir, 'reconciliation.json'), JSON.stringify({ enrollments: { confirmed: 7 }, classes: {} }));
    expect(() => readOptionalReconciliation(dir!)).toThrow(/enrollments\.intact: expected a number/);
  });
});
