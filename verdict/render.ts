// A verdict for people: a one-screen table for the terminal and a Markdown page that fits a pull-request comment,
// each opening with the capacity headline (verdict/headline.ts) when the caller has one, every value with its unit.

import { checkTarget, checkValue, verdictStatus, type Verdict } from './verdict.ts';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The one line that says it all: the last line of the terminal table and the report's banner. */
export function verdictHeadline(verdict: Verdict): string {
  const failed = verdict.checks.filter((c) => !c.pass).map((c) => c.name);
  switch (verdictStatus(verdict)) {
    case 'PASS':
      return `VERDICT: PASS — every target held (${verdict.checks.length} checks, profile ${verdict.profile})`;
    case 'INTERRUPTED':
      return `VERDICT: INTERRUPTED — the load was stopped before its plan ended (Ctrl-C or SIGTERM): no target is shown held; what ran is judged below${failed.length > 0 ? ` (missed: ${failed.join(', ')})` : ''}`;
    default:
      return `VERDICT: FAIL — missed: ${failed.join(', ')}`;
  }
}

/** The capacity headline's lines under a title, indented for the terminal; nothing when there is none. */
function headlineBlock(headline: string[] | undefined): string[] {
  return headline && headline.length > 0 ? ['  CAPACITY', ...headline.map((line) => `    ${line}`), ''] : [];
}

export function verdictTable(verdict: Verdict, headline?: string[]): string {
  const rows = verdict.checks.map((c) => [c.pass ? 'ok  ' : 'FAIL', c.name, checkTarget(c), checkValue(c)] as const);
  const widths = [4, Math.max(5, ...rows.map((r) => r[1].length)), Math.max(6, ...rows.map((r) => r[2].length))];
  const lines = rows.map(([status, name, target, actual]) => `  ${status}  ${pad(name, widths[1]!)}  ${pad(target, widths[2]!)}  ${actual}`);
  return [...headlineBlock(headline), `  ${pad('', 4)}  ${pad('check', widths[1]!)}  ${pad('target', widths[2]!)}  actual`, ...lines, '', verdictHeadline(verdict)].join('\n');
}

const MARK = { PASS: '✅ PASS', FAIL: '❌ FAIL', INTERRUPTED: '⚠️ INTERRUPTED' } as const;

export function verdictMarkdown(verdict: Verdict, facts: Record<string, string>, headline?: string[]): string {
  const rows = verdict.checks.map((c) => `| ${c.pass ? '✅' : '❌'} | ${c.name} | ${checkTarget(c)} | ${checkValue(c)} |`);
  return [
    `## ${MARK[verdictStatus(verdict)]} — ${verdict.profile} run \`${verdict.runId}\``,
    '',
    verdictHeadline(verdict),
    '',
    ...(headline && headline.length > 0 ? ['### Capacity', '', ...headline.map((line) => `- ${line}`), ''] : []),
    ...Object.entries(facts).map(([k, v]) => `- **${k}**: ${v}`),
    '',
    '| | check | target | actual |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
