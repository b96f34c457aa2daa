// A fault switched on in the middle of a run: `harness faults --run DIR SPEC` reaches the live exchange through its
// loopback admin endpoint and the run's own thresholds catch it (exit 99), as a performance engineer would use it
// during a soak; bad specs and a finished run are refused with exit 2.

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHarness } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-live-faults-'));

async function adminFileAppears(timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const runId of existsSync(resultsDir) ? readdirSync(resultsDir) : []) {
      if (existsSync(join(resultsDir, runId, 'exchange-admin.json'))) return join(resultsDir, runId);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no run wrote exchange-admin.json');
}

describe('harness faults --run DIR', () => {
  it('switches every eligibility answer to a 500 during a healthy run: the run fails on its error rate; bad input exits 2', async () => {
    const run = runHarness(['run', 'load', '--scale', '0.0004', '--duration', '30s', '--prometheus', 'off', '--results', resultsDir], { timeoutMs: 120_000 });
    const runDir = await adminFileAppears(60_000);

    // The switch first: each `harness faults` is a process of a few seconds, and the run must have load left after it.
    const on = await runHarness(['faults', '--run', runDir, 'exchange.error.eligibility=1']);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toContain('exchange fault switches: exchange.error.eligibility=1');

    const shown = await runHarness(['faults', '--run', runDir]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('exchange fault switches: exchange.error.eligibility=1');

    const wrong = await runHarness(['faults', '--run', runDir, 'backend.drop=1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/backend\.drop: only exchange\.\* switches change during a run/);

    const result = await run;
    const output = result.stdout;
    expect(result.code, output).toBe(1);
    expect(output).toMatch(/FAIL\s+threshold http_req_failed/);

    const over = await runHarness(['faults', '--run', runDir]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/Is the run still under way\?/);
    expect((await runHarness(['faults', '--run', join(resultsDir, 'no-such-run')])).stderr).toMatch(/exchange-admin\.json/);
  }, 150_000);
});
