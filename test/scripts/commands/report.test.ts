// `harness report` on a run folder with only some of its files, and on bad input, through the real CLI: the report
// says what is absent instead of failing; a missing folder or a wrong combination of flags is exit 2 naming it.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHarness } from '../../e2e/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-report-command-'));

describe('harness report --run', () => {
  it('reports a run folder that has only run.json and verdict.json, naming every absent series', async () => {
    const run = join(dir, 'bare');
    mkdirSync(run);
    writeFileSync(join(run, 'run.json'), JSON.stringify({ runId: 'bare-1', profile: 'stress', startedAt: '2026-11-23T10:00:00Z' }));
    writeFileSync(
      join(run, 'verdict.json'),
      JSON.stringify({ pass: false, profile: 'stress', runId: 'bare-1', checks: [{ name: 'latency p95', target: '≤ 1000ms', actual: 2000, pass: false }] }),
    );
    const result = await runHarness(['report', '--run', run]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/report: .*report\.html \(0\.\d\d MB\)/);
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    expect(html).toContain('VERDICT: FAIL — missed: latency p95');
    for (const id of ['arrival', 'latency', 'vus', 'waiting-wait', 'outbox', 'delivery', 'memory']) expect(html).toContain(`data-chart-absent="${id}"`);
    expect(html).toMatch(/load-seconds\.ndjson: expected the load engine&#39;s per-second measurements, written by `harness run`\. .*Re-run the profile\./);
    expect(html).toContain('reconciliation.json is not in the run folder');
    expect(html).toMatch(/<section id="capacity">[\s\S]*No capacity fit/);
  });

  it('exits 2 naming a folder that does not exist, or flags that do not go together', async () => {
    const missing = await runHarness(['report', '--run', join(dir, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--run .*nope: expected an existing run folder/);
    const neither = await runHarness(['report']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/--run DIR or --compare/);
    const half = await runHarness(['report', '--compare', '--baseline', dir]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/--compare: expected --baseline DIR… and --candidate DIR…/);
  });
});
