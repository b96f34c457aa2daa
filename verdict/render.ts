// A verdict for people: a one-screen table for the terminal and a Markdown page that fits a pull-request comment,
// each opening with the capacity headline (verdict/headline.ts) when the caller has one, every value with its unit.

import { checkTarget, checkValue, missedChecks, uncheckedChecks, verdictStatus, type Verdict, type VerdictCheck } from './verdict.ts';

/** A check's status word: ok, FAIL, or NOT CHECKED (a check this run could not make; never read as held). */
export const checkStatus = (c: VerdictCheck): 'ok' | 'FAIL' | 'NOT CHECKED' => (c.notChecked !== undefined ? 'NOT CHECKED' : c.pass ? 'ok' : 'FAIL');

/** One line per reason a check was not made (the checks it holds for named together), saying how to make them; empty when every check was made. */
export function uncheckedLines(verdict: Verdict): string[] {
  const byReason = new Map<string, string[]>();
  for (const c of uncheckedChecks(verdict)) byReason.set(c.notChecked!, [...(byReason.get(c.notChecked!) ?? []), c.name]);
  return [...byReason].map(([reason, names]) => `NOT CHECKED in this run: ${names.join(', ')} — ${reason}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The one line that says it all: the last line of the terminal table and the report's banner. */
export function verdictHeadline(verdict: Verdict): string {
  const failed = missedChecks(verdict).map((c) => c.name);
  const unchecked = uncheckedChecks(verdict).map((c) => c.name);
  const notChecked = unchecked.length > 0 ? `; NOT CHECKED: ${unchecked.join(', ')}` : '';
  switch (verdictStatus(verdict)) {
    case 'PASS':
      return unchecked.length > 0
        ? `VERDICT: PASS — every target checked held (${verdict.checks.length - unchecked.length} checks, profile ${verdict.profile})${notChecked}`
        : `VERDICT: PASS — every target held (${verdict.checks.length} checks, profile ${verdict.profile})`;
    case 'INTERRUPTED':
      return `VERDICT: INTERRUPTED — the load was stopped before its plan ended (Ctrl-C or SIGTERM): no target is shown held; what ran is judged below${failed.length > 0 ? ` (missed: ${failed.join(', ')})` : ''}${notChecked}`;
    default:
      return `VERDICT: FAIL — missed: ${failed.join(', ')}${notChecked}`;
  }
}

/** The capacity headline's lines under a title, indented for the terminal; nothing when there is none. */
function headlineBlock(headline: string[] | undefined): string[] {
  return headline && headline.length > 0 ? ['  CAPACITY', ...headline.map((line) => `    ${line}`), ''] : [];
}

export function verdictTable(verdict: Verdict, headline?: string[]): string {
  const rows = verdict.checks.map((c) => [checkStatus(c), c.name, checkTarget(c), checkValue(c)] as const);
  const widths = [Math.max(4, ...rows.map((r) => r[0].length)), Math.max(5, ...rows.map((r) => r[1].length)), Math.max(6, ...rows.map((r) => r[2].length))];
  const lines = rows.map(([status, name, target, actual]) => `  ${pad(status, widths[0]!)}  ${pad(name, widths[1]!)}  ${pad(target, widths[2]!)}  ${actual}`);
  const unchecked = uncheckedLines(verdict).map((line) => `  ${line}`);
  return [
    ...headlineBlock(headline),
    `  ${pad('', widths[0]!)}  ${pad('check', widths[1]!)}  ${pad('target', widths[2]!)}  actual`,
    ...lines,
    ...(unchecked.length > 0 ? ['', ...unchecked] : []),
    '',
    verdictHeadline(verdict),
  ].join('\n');
}

const MARK = { PASS: '✅ PASS', FAIL: '❌ FAIL', INTERRUPTED: '⚠️ INTERRUPTED' } as const;

export function verdictMarkdown(verdict: Verdict, facts: Record<string, string>, headline?: string[]): string {
  const rows = verdict.checks.map(
    (c) => `| ${c.notChecked !== undefined ? '⚠️ not checked' : c.pass ? '✅' : '❌'} | ${c.name} | ${checkTarget(c)} | ${checkValue(c)} |`,
  );
  const unchecked = uncheckedLines(verdict).map((line) => `> **${line}**`);
  return [
    `## ${MARK[verdictStatus(verdict)]} — ${verdict.profile} run \`${verdict.runId}\``,
    '',
    verdictHeadline(verdict),
    '',
    ...(headline && headline.length > 0 ? ['### Capacity', '', ...headline.map((line) => `- ${line}`), ''] : []),
    ...(unchecked.length > 0 ? [...unchecked, ''] : []),
    ...Object.entries(facts).map(([k, v]) => `- **${k}**: ${v}`),
    '',
    '| | check | target | actual |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
