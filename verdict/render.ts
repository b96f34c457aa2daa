// A verdict for people: a one-screen table for the terminal and a Markdown page that fits a pull-request comment.

import type { Verdict } from './verdict.ts';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The one line that says it all: the last line of the terminal table and the report's banner. */
export function verdictHeadline(verdict: Verdict): string {
  const failed = verdict.checks.filter((c) => !c.pass).map((c) => c.name);
  return verdict.pass
    ? `VERDICT: PASS — every target held (${verdict.checks.length} checks, profile ${verdict.profile})`
    : `VERDICT: FAIL — missed: ${failed.join(', ')}`;
}

export function verdictTable(verdict: Verdict): string {
  const rows = verdict.checks.map((c) => [c.pass ? 'ok  ' : 'FAIL', c.name, c.target, String(c.actual)] as const);
  const widths = [4, Math.max(5, ...rows.map((r) => r[1].length)), Math.max(6, ...rows.map((r) => r[2].length))];
  const lines = rows.map(([status, name, target, actual]) => `  ${status}  ${pad(name, widths[1]!)}  ${pad(target, widths[2]!)}  ${actual}`);
  return [`  ${pad('', 4)}  ${pad('check', widths[1]!)}  ${pad('target', widths[2]!)}  actual`, ...lines, '', verdictHeadline(verdict)].join('\n');
}

export function verdictMarkdown(verdict: Verdict, facts: Record<string, string>): string {
  const rows = verdict.checks.map((c) => `| ${c.pass ? '✅' : '❌'} | ${c.name} | ${c.target} | ${c.actual} |`);
  return [
    `## ${verdict.pass ? '✅ PASS' : '❌ FAIL'} — ${verdict.profile} run \`${verdict.runId}\``,
    '',
    ...Object.entries(facts).map(([k, v]) => `- **${k}**: ${v}`),
    '',
    '| | check | target | actual |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
