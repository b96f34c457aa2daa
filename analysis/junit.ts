// A verdict as JUnit XML, the report format CI systems read: one test case per check, a failure for each missed one.
// Every case, passing or not, carries what was measured: its actual value, the target and the unit as <properties>
// (CI systems that read them show them per test) and as one line of <system-out> (those that do not still show it).
// An interrupted run adds one case with an <error>: the run itself did not finish, whatever its checks say.

import { verdictHeadline } from '../verdict/render.ts';
import { checkTarget, checkValue, verdictStatus, type Verdict, type VerdictCheck } from '../verdict/verdict.ts';

/** XML 1.0 allows no control characters but tab, newline and carriage return, not even as references: dropped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** "120 ms", "0.4 %", "3", "not measured": the actual value as a sentence shows it. */
const measured = (c: VerdictCheck): string => checkValue(c);

function properties(c: VerdictCheck): string[] {
  const entries: [string, string][] = [
    ['actual', String(c.actual)],
    ['target', checkTarget(c)],
    ...(c.unit === undefined ? [] : ([['unit', c.unit]] as [string, string][])),
    ['pass', String(c.pass)],
  ];
  return ['      <properties>', ...entries.map(([name, value]) => `        <property name="${name}" value="${escapeXml(value)}"/>`), '      </properties>'];
}

export function verdictJunit(verdict: Verdict, timestamp: Date = new Date()): string {
  const failures = verdict.checks.filter((c) => !c.pass && c.notChecked === undefined).length;
  const skipped = verdict.checks.length - verdict.checks.filter((c) => c.notChecked === undefined).length;
  const suite = `harness gate: ${verdict.profile} run ${verdict.runId}`;
  const cases = verdict.checks.map((c) => {
    const message = `target ${checkTarget(c)}, actual ${measured(c)}`;
    return [
      `    <testcase classname="harness.gate.${escapeXml(verdict.profile)}" name="${escapeXml(c.name)}" time="0">`,
      ...properties(c),
      // A check this run could not make is skipped, never passed: CI shows it apart from the held and missed ones.
      ...(c.notChecked !== undefined
        ? [`      <skipped message="${escapeXml(`not checked in this run: ${c.notChecked}`)}"/>`]
        : c.pass
          ? []
          : [`      <failure message="${escapeXml(message)}" type="TargetMissed">${escapeXml(`${c.name}: ${message}`)}</failure>`]),
      `      <system-out>${escapeXml(`${c.name}: ${measured(c)} (target ${checkTarget(c)}) — ${c.notChecked !== undefined ? `not checked in this run: ${c.notChecked}` : c.pass ? 'held' : 'missed'}`)}</system-out>`,
      '    </testcase>',
    ].join('\n');
  });
  const interrupted = verdictStatus(verdict) === 'INTERRUPTED';
  if (interrupted) {
    const message = verdictHeadline(verdict);
    cases.push(
      [
        `    <testcase classname="harness.gate.${escapeXml(verdict.profile)}" name="run completed" time="0">`,
        `      <error message="${escapeXml(message)}" type="Interrupted">${escapeXml(message)}</error>`,
        '    </testcase>',
      ].join('\n'),
    );
  }
  const tests = cases.length;
  const errors = interrupted ? 1 : 0;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harness gate" tests="${tests}" failures="${failures}" errors="${errors}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
