// junit.xml: well formed whatever the check names hold, one test case per check, and every case — passing ones too —
// carrying its measured value, target and unit.

import { describe, expect, it } from 'vitest';
import { verdictJunit } from '../../analysis/junit.ts';
import { atMost, atMostPercent, exactly, verdictOf } from '../../verdict/verdict.ts';
import { parseXml, type XmlElement } from './wellFormedXml.ts';

const verdict = verdictOf('smoke', 'run-<1>&"2"', [
  atMost('latency p95', 120.4, 1000, 'ms'),
  atMostPercent('HTTP error rate', 0.004, 0.01),
  exactly('enrollments received intact by the insurer', 19, 20),
  { name: 'load run', target: 'completed (exit 0)', actual: 'completed', pass: true },
  atMost("integrity: <lost> & 'late'\u0001", 2, 0),
]);

const cases = (root: XmlElement): XmlElement[] => root.children.flatMap((suite) => suite.children);
const props = (c: XmlElement): Record<string, string> =>
  Object.fromEntries(c.children.find((e) => e.name === 'properties')!.children.map((p) => [p.attributes.name!, p.attributes.value!]));

describe('verdictJunit', () => {
  it('is well formed XML even with markup and control characters in names', () => {
    const { problems, root } = parseXml(verdictJunit(verdict, new Date('2026-11-23T10:00:00Z')));
    expect(problems).toEqual([]);
    expect(root!.name).toBe('testsuites');
    expect(root!.attributes).toMatchObject({ tests: '5', failures: '2' });
    expect(cases(root!).map((c) => c.attributes.name)).toEqual([
      'latency p95',
      'HTTP error rate',
      'enrollments received intact by the insurer',
      'load run',
      "integrity: <lost> & 'late'",
    ]);
  });

  it('gives every case, passing or failing, its actual value, target and unit', () => {
    const [p95, errors, intact, load, lost] = cases(parseXml(verdictJunit(verdict)).root!);
    expect(props(p95!)).toEqual({ actual: '120.4', target: '≤ 1000 ms', unit: 'ms', pass: 'true' });
    expect(p95!.children.find((e) => e.name === 'system-out')!.text).toBe('latency p95: 120.4 ms (target ≤ 1000 ms) — held');
    expect(p95!.children.some((e) => e.name === 'failure')).toBe(false);
    expect(props(errors!)).toEqual({ actual: '0.4', target: '≤ 1 %', unit: 'percent', pass: 'true' });
    expect(errors!.children.find((e) => e.name === 'system-out')!.text).toBe('HTTP error rate: 0.4 % (target ≤ 1 %) — held');
    expect(props(intact!)).toEqual({ actual: '19', target: '= 20', unit: 'count', pass: 'false' });
    expect(intact!.children.find((e) => e.name === 'failure')!.attributes.message).toBe('target = 20, actual 19');
    expect(props(load!)).toEqual({ actual: 'completed', target: 'completed (exit 0)', pass: 'true' });
    expect(lost!.children.find((e) => e.name === 'system-out')!.text).toBe("integrity: <lost> & 'late': 2 (target ≤ 0) — missed");
  });

  it('shows an older verdict of shares (unit ratio) as percentages', () => {
    const old = verdictOf('smoke', 'r', [{ name: 'HTTP error rate', target: '≤ 0.01', actual: 0.004, pass: true, unit: 'ratio' }]);
    const [errors] = cases(parseXml(verdictJunit(old)).root!);
    expect(errors!.children.find((e) => e.name === 'system-out')!.text).toBe('HTTP error rate: 0.4 % (target ≤ 1 %) — held');
  });

  it('adds an error case for an interrupted run, beside its checks', () => {
    const interrupted = verdictOf('smoke', 'r', [{ name: 'load run', target: 'completed (exit 0)', actual: 'interrupted', pass: false }], {
      interrupted: true,
    });
    const { problems, root } = parseXml(verdictJunit(interrupted));
    expect(problems).toEqual([]);
    expect(root!.attributes).toMatchObject({ tests: '2', failures: '1', errors: '1' });
    const run = cases(root!).find((c) => c.attributes.name === 'run completed')!;
    const error = run.children.find((e) => e.name === 'error')!;
    expect(error.attributes.type).toBe('Interrupted');
    expect(error.attributes.message).toMatch(/^VERDICT: INTERRUPTED/);
    expect(cases(parseXml(verdictJunit(verdict)).root!).some((c) => c.attributes.name === 'run completed')).toBe(false);
  });

  it('the well-formedness check itself rejects broken XML', () => {
    expect(parseXml('<a><b></a></b>').problems).not.toEqual([]);
    expect(parseXml('<a x="1 & 2"/>').problems).toEqual(['a bare & in a@x']);
    expect(parseXml('<a>1 < 2</a>').problems).not.toEqual([]);
    expect(parseXml('<a/><b/>').problems).toEqual(['a second root <b>']);
    expect(parseXml('<a>\u0001</a>').problems).toEqual(['a character XML 1.0 forbids']);
    expect(parseXml('<a x="1" x="2"/>').problems).toEqual(['<a> repeats x']);
  });
});
