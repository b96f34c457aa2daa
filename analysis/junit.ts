// A verdict as JUnit XML, the report format CI systems read: one test case per check, a failure for each missed one.

import type { Verdict } from '../verdict/verdict.ts';

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export function verdictJunit(verdict: Verdict, timestamp: Date = new Date()): string {
  const failures = verdict.checks.filter((c) => !c.pass).length;
  const suite = `harness gate: ${verdict.profile} run ${verdict.runId}`;
  const cases = verdict.checks.map((c) => {
    const open = `    <testcase classname="harness.gate.${escapeXml(verdict.profile)}" name="${escapeXml(c.name)}" time="0"`;
    if (c.pass) return `${open}/>`;
    const message = `target ${c.target}, actual ${c.actual}`;
    return `${open}>\n      <failure message="${escapeXml(message)}" type="TargetMissed">${escapeXml(`${c.name}: ${message}`)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="harness gate" tests="${verdict.checks.length}" failures="${failures}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${verdict.checks.length}" failures="${failures}" errors="0" skipped="0" timestamp="${timestamp.toISOString().slice(0, 19)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
