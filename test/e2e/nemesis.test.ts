// The nemesis under load, one short run per kind: the real CLI kills or pauses the real exchange or insurer mid-load,
// and the run proves what the system promises — every confirmation a consumer received before the fault is at the
// insurer exactly once after recovery, and what the outage did to the load is counted, never silent. The nemesis
// table of docs/faults.md is these runs' figures: the last test compares it with them (UPDATE_FIGURES=1 rewrites it).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DefectClass } from '../../reconcile/reconcile.ts';
import { syncFigures, updateFiguresAsked } from '../../scripts/faultFigures/figuresPage.ts';
import { NEMESIS_TABLE_HEADER, nemesisClaims, nemesisRow, type NemesisRunFacts, type OutageCount } from '../../scripts/faultFigures/nemesisTable.ts';
import { readFailedPosts } from '../../scripts/faultFigures/runFacts.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { runAndRead, runHarness, type RunFacts } from './harness.ts';

const resultsDir = mkdtempSync(join(tmpdir(), 'harness-e2e-nemesis-'));

/**
 * A short enrollment load that is still under way at the event (at 7 s) and after it. A journey takes about 4.5 s to
 * its confirmation on a quiet machine (think time between its steps, which a longer run lengthens), so at 5 s a busy
 * machine had none yet: the event comes late enough that consumers were told of enrollments before it.
 */
const LOAD = ['run', 'load', '--scale', '0.002', '--duration', '12s', '--prometheus', 'off'];

interface NemesisFile {
  events: {
    kind: NemesisRunFacts['event']['kind'];
    at: string;
    atMs: number;
    recoveredAt: string;
    outageMs: number;
    holdMs: number;
    pidBefore: number;
    pidAfter: number;
    load: { requests: number; failed: number; slowestMs: number };
  }[];
  during: { requests: number; failed: number };
}

interface Ledgered {
  confirmationNumber: string;
  confirmedAt: string;
}

interface Received {
  confirmationNumber: string;
  interchangeControl: number;
  receivedAt: string;
}

/** Each kind's row of the table, by its spec. */
const rows = new Map<string, string[]>();
const TABLE = ['kill-exchange@7s:1s', 'kill-insurer@7s:2s', 'pause-exchange@7s:3s', 'pause-insurer@7s:3s'];

function keepRow(spec: string, run: { facts: RunFacts; nemesis: NemesisFile; ledger: Ledgered[] }, counted: OutageCount): void {
  rows.set(
    spec,
    nemesisRow({
      spec,
      event: run.nemesis.events[0]!,
      enrollments: run.ledger.length,
      counted,
      classes: run.facts.reconciliation.classes as Record<DefectClass, number>,
      exitCode: run.facts.code!,
    }),
  );
}

const lines = <T>(file: string): T[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

async function nemesisRun(spec: string): Promise<{ facts: RunFacts; nemesis: NemesisFile; ledger: Ledgered[]; received: Map<string, Received[]> }> {
  const facts = await runAndRead([...LOAD, '--nemesis', spec], resultsDir, 90_000);
  expect(facts.output).not.toMatch(/internal error/);
  // A nemesis run passes or fails on its findings (1), never on its use (2).
  expect([0, 1], facts.output).toContain(facts.code);
  const nemesis = JSON.parse(readFileSync(join(facts.runDir, 'nemesis.json'), 'utf8')) as NemesisFile;
  const received = new Map<string, Received[]>();
  for (const r of lines<Received>(join(facts.runDir, 'insurer-records.ndjson')))
    received.set(r.confirmationNumber, [...(received.get(r.confirmationNumber) ?? []), r]);
  return { facts, nemesis, ledger: lines<Ledgered>(join(facts.runDir, 'ledger.ndjson')), received };
}

/** Every confirmation a consumer received before `at` reached the insurer, in one interchange (re-sent copies are stored once). */
function expectEachReceivedOnce(ledger: Ledgered[], received: Map<string, Received[]>, before: string): void {
  const confirmed = ledger.filter((e) => e.confirmedAt < before);
  expect(confirmed.length, 'no consumer was told of an enrollment before the event: the run proves nothing').toBeGreaterThan(0);
  const missing = confirmed.filter((e) => !received.has(e.confirmationNumber)).map((e) => e.confirmationNumber);
  const twice = confirmed
    .filter((e) => new Set(received.get(e.confirmationNumber)?.map((r) => r.interchangeControl)).size > 1)
    .map((e) => e.confirmationNumber);
  expect({ missing, twice }).toEqual({ missing: [], twice: [] });
}

function expectIntegrity(facts: RunFacts): void {
  expect(facts.reconciliation.classes.lost, facts.output).toBe(0);
  expect(facts.reconciliation.classes.duplicate, facts.output).toBe(0);
  for (const name of ['integrity: lost', 'integrity: duplicate']) expect(facts.checks.find((c) => c.name === name)?.pass, name).toBe(true);
}

describe('harness run --nemesis', () => {
  it('kill-exchange: SIGKILL mid-load, a restart on the same port and data; the outage is counted errors, nothing confirmed is lost', async () => {
    const run = await nemesisRun('kill-exchange@7s:1s');
    const { facts, nemesis, ledger, received } = run;
    expect(nemesis.events).toHaveLength(1);
    const [kill] = nemesis.events;
    expect(kill!.kind).toBe('kill-exchange');
    expect(kill!.pidAfter).not.toBe(kill!.pidBefore);
    expect(kill!.outageMs).toBeGreaterThanOrEqual(1_000);
    expect(facts.output).toMatch(/nemesis: kill-exchange at 7\.\d s: SIGKILL to the exchange/);
    expect(facts.output).toMatch(/nemesis: the exchange answers again after \d+\.\d s: restarted on port \d+/);
    // Requests while it was down were refused: failed requests, counted in its window and shown beside the verdict.
    expect(kill!.load.failed).toBeGreaterThan(0);
    expect(facts.checks.find((c) => c.name === 'requests failed during nemesis windows')?.actual).toBe(
      `${nemesis.during.failed} of ${nemesis.during.requests}`,
    );
    expect(facts.checks.find((c) => c.name === 'HTTP error rate outside nemesis windows')).toBeDefined();
    expectEachReceivedOnce(ledger, received, kill!.at);
    expectIntegrity(facts);
    keepRow('kill-exchange@7s:1s', run, { failedRequests: kill!.load.failed, requests: kill!.load.requests });
  }, 100_000);

  it('kill-insurer: SIGKILL while the exchange delivers, restarted on the same port; failed deliveries are counted and retried, none lost', async () => {
    const run = await nemesisRun('kill-insurer@7s:2s');
    const { facts, nemesis, ledger, received } = run;
    const [kill] = nemesis.events;
    expect(kill!.kind).toBe('kill-insurer');
    expect(kill!.pidAfter).not.toBe(kill!.pidBefore);
    // The exchange's posts during the outage failed, were logged and counted, and retried.
    const log = readFileSync(join(facts.runDir, 'exchange.log'), 'utf8');
    expect(log).toMatch(/"edi834_delivery_failed"/);
    const exposition = readFileSync(join(facts.runDir, 'exchange-exposition.prom'), 'utf8');
    const failures = [...exposition.matchAll(/^exchange_edi834_delivery_failures_total\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(failures).toBeGreaterThan(0);
    expectEachReceivedOnce(ledger, received, kill!.at);
    expectEachReceivedOnce(ledger, received, '9999'); // and every one confirmed at all
    expectIntegrity(facts);
    const failedPosts = readFailedPosts(facts.runDir).attempts;
    expect(failedPosts).toBeGreaterThan(0);
    keepRow('kill-insurer@7s:2s', run, { failed834Posts: failedPosts });
  }, 100_000);

  it('pause-exchange: SIGSTOP for 3 s then SIGCONT, same pid; requests held by the pause end late, none is lost', async () => {
    const run = await nemesisRun('pause-exchange@7s:3s');
    const { facts, nemesis, ledger, received } = run;
    const [pause] = nemesis.events;
    expect(pause!.kind).toBe('pause-exchange');
    expect(pause!.pidAfter).toBe(pause!.pidBefore);
    expect(pause!.outageMs).toBeGreaterThanOrEqual(3_000);
    expect(facts.output).toMatch(/SIGSTOP to the exchange \(pid \d+\) for 3\.0 s/);
    // A pause is latency, not errors: the requests that met it waited for the SIGCONT.
    expect(pause!.load.slowestMs).toBeGreaterThan(2_000);
    expectEachReceivedOnce(ledger, received, pause!.at);
    expectIntegrity(facts);
    keepRow('pause-exchange@7s:3s', run, { slowestMs: pause!.load.slowestMs });
  }, 100_000);

  it('pause-insurer: SIGSTOP for 3 s then SIGCONT; enrollments confirmed meanwhile reach it after the pause, once', async () => {
    const run = await nemesisRun('pause-insurer@7s:3s');
    const { facts, nemesis, ledger, received } = run;
    const [pause] = nemesis.events;
    expect(pause!.kind).toBe('pause-insurer');
    expect(pause!.pidAfter).toBe(pause!.pidBefore);
    // Confirmed while the insurer was stopped: the exchange answered the consumer at once, and delivered after the pause.
    const during = ledger.filter((e) => e.confirmedAt > pause!.at && Date.parse(e.confirmedAt) < Date.parse(pause!.recoveredAt) - 500);
    expect(during.length, 'no enrollment was confirmed during the pause').toBeGreaterThan(0);
    for (const e of during) expect(Date.parse(received.get(e.confirmationNumber)![0]!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(pause!.recoveredAt) - 100);
    expectEachReceivedOnce(ledger, received, '9999');
    expectIntegrity(facts);
    keepRow('pause-insurer@7s:3s', run, { deliveredAfterPause: during.length });
  }, 100_000);

  it.each([
    [['--nemesis', 'crash-exchange@5s'], /nemesis "crash-exchange@5s": expected a kind among kill-exchange, kill-insurer, pause-exchange, pause-insurer/],
    [['--nemesis', 'kill-exchange@5s', '--base-url', 'http://127.0.0.1:9'], /--nemesis with --base-url http:\/\/127\.0\.0\.1:9: expected one of them/],
    [['--nemesis', 'kill-exchange@5s', '--shards', '2'], /--nemesis with --shards 2: expected one shard/],
  ])('refuses %j before anything starts (exit 2)', async (args, message) => {
    const result = await runHarness(['run', 'smoke', '--results', resultsDir, ...args]);
    expect(result.code, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

// Last: the runs above, as the nemesis table of docs/faults.md shows them.
describe('docs/faults.md', () => {
  it('its nemesis table claims what these runs measured', () => {
    const missing = TABLE.filter((spec) => !rows.has(spec));
    expect(missing, 'runs whose test did not run or failed before its row').toEqual([]);
    const table = { section: 'nemesis', header: NEMESIS_TABLE_HEADER, rows: TABLE.map((spec) => rows.get(spec)!), claims: nemesisClaims };
    const differences = syncFigures(join(PROJECT_ROOT, 'docs', 'faults.md'), table, updateFiguresAsked());
    expect(differences, 'docs/faults.md differs from the runs; if the runs are right: UPDATE_FIGURES=1 npx vitest run test/e2e/nemesis.test.ts').toEqual([]);
  });
});
