// A run against an exchange the harness did not start (run --base-url): integrity is not checked, and every form of
// the verdict says so — never as held, never as missed — with the command that checks it.

import { describe, expect, it } from 'vitest';
import { verdictJunit } from '../../analysis/junit.ts';
import { gate, type GateInput } from '../../verdict/gate.ts';
import { verdictHeadline, verdictMarkdown, verdictTable } from '../../verdict/render.ts';
import { parseXml } from '../analysis/wellFormedXml.ts';
import { testTargets } from '../vocabulary/targetsFixture.ts';

const HINT = 'check it with `harness reconcile --ledger results/r1/ledger.ndjson --edi DIR`';
const input = (over: Partial<GateInput> = {}): GateInput => ({
  profile: 'smoke',
  runId: 'r1',
  targets: testTargets(),
  loadSummary: {
    metrics: {
      http_req_duration: { type: 'trend', values: { 'p(95)': 12, 'p(99)': 20 } },
      http_req_failed: { type: 'rate', values: { rate: 0 } },
      checks: { type: 'rate', values: { rate: 1 } },
    },
  },
  loadExitCode: 0,
  intended: 20,
  integrity: { confirmed: 20, notChecked: HINT },
  piiFindings: 0,
  ...over,
});

describe('integrity not checked', () => {
  it('is one check, not held, that does not fail a verdict whose checks made all held', () => {
    const verdict = gate(input());
    const unchecked = verdict.checks.filter((c) => c.notChecked !== undefined);
    expect(unchecked).toEqual([
      {
        name: 'integrity at the insurer',
        target: 'every confirmed enrollment received intact',
        actual: 'not checked in this run',
        pass: false,
        notChecked: HINT,
      },
    ]);
    expect(verdict.checks.some((c) => c.name.startsWith('integrity: ') || c.name === 'enrollments received intact by the insurer')).toBe(false);
    expect(verdict.pass).toBe(true);
    expect(verdictHeadline(verdict)).toBe(
      `VERDICT: PASS — every target checked held (${verdict.checks.length - 1} checks, profile smoke); NOT CHECKED: integrity at the insurer`,
    );
  });

  it('still fails on a check that was made and missed, and names both', () => {
    const verdict = gate(input({ integrity: { confirmed: 19, notChecked: HINT } }));
    expect(verdict.pass).toBe(false);
    expect(verdictHeadline(verdict)).toBe('VERDICT: FAIL — missed: enrollments confirmed to consumers; NOT CHECKED: integrity at the insurer');
  });

  it('shows as NOT CHECKED with the command in the table, summary.md and JUnit (skipped, not failed)', () => {
    const verdict = gate(input());
    const table = verdictTable(verdict);
    expect(table).toMatch(/NOT CHECKED\s+integrity at the insurer/);
    expect(table).toContain(`NOT CHECKED in this run: integrity at the insurer — ${HINT}`);
    const markdown = verdictMarkdown(verdict, {});
    expect(markdown).toContain(`> **NOT CHECKED in this run: integrity at the insurer — ${HINT}**`);
    expect(markdown).toContain('| ⚠️ not checked | integrity at the insurer |');
    const { problems, root } = parseXml(verdictJunit(verdict));
    expect(problems).toEqual([]);
    const suite = root!.children[0]!;
    expect(suite.attributes).toMatchObject({ failures: '0', skipped: '1' });
    const unchecked = suite.children.find((c) => c.attributes.name === 'integrity at the insurer')!;
    expect(unchecked.children.map((e) => e.name)).toContain('skipped');
    expect(unchecked.children.map((e) => e.name)).not.toContain('failure');
  });

  it('own journeys: confirmations are recorded, not gated', () => {
    const verdict = gate(input({ intended: undefined, confirmationsGated: false, integrity: { confirmed: 0, received: 0, classes: { lost: 0 } } }));
    expect(verdict.checks.find((c) => c.name === 'enrollments confirmed to consumers')).toMatchObject({
      actual: 0,
      pass: true,
      target: 'recorded (own journeys: not gated)',
    });
    expect(verdict.pass).toBe(true);
  });
});
