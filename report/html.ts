// The page around a report: escaping, tables, chart slots, and the self-contained document — uPlot's script and
// styles and the charts' data inline, nothing fetched. Pure: the caller reads uPlot's files and passes them in.

import type { ReportChart } from './chart.ts';
import { CHART_SCRIPT } from './chartScript.ts';

export interface ChartLibrary {
  /** uPlot's minified IIFE build (defines the global `uPlot`). */
  script: string;
  /** uPlot's stylesheet. */
  css: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Text safe inside a <script> element: no `</script`, no `<!--`. */
function scriptText(text: string): string {
  return text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

export function table(header: readonly string[], rows: readonly (readonly unknown[])[], rowClass?: (row: number) => string): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r, i) => `<tr${rowClass ? ` class="${rowClass(i)}"` : ''}>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function definitionList(entries: readonly (readonly [string, unknown])[]): string {
  return `<dl class="facts">${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;
}

/** A chart's slot: a figure the page's script draws into, or the note saying why the series is absent. */
export function chartSlot(chart: ReportChart): string {
  if (chart.kind === 'absent') {
    return `<figure class="chart absent" data-chart-absent="${escapeHtml(chart.id)}"><figcaption><strong>${escapeHtml(chart.title)}</strong> — not shown: ${escapeHtml(chart.reason)}</figcaption></figure>`;
  }
  return `<figure class="chart" data-chart="${escapeHtml(chart.id)}"><figcaption><strong>${escapeHtml(chart.title)}</strong> — ${escapeHtml(chart.caption)}</figcaption><div class="plot"></div></figure>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${escapeHtml(id)}">\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

export const fmt = (v: unknown, digits = 3): string => {
  if (typeof v !== 'number') return v === null || v === undefined ? '–' : String(v);
  if (!Number.isFinite(v)) return v === Infinity ? '∞' : '–';
  return v.toLocaleString('en-US', { maximumFractionDigits: Math.abs(v) >= 100 ? 1 : digits });
};

const STYLE = `
:root { --pass: #166534; --pass-bg: #dcfce7; --fail: #991b1b; --fail-bg: #fee2e2; --muted: #6b7280; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; margin: 0 auto; padding: 16px 24px 48px; max-width: 1000px; }
h1 { font-size: 20px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.banner { padding: 12px 16px; border-radius: 6px; font-weight: 600; font-size: 16px; margin: 8px 0 16px; }
.banner.pass { background: var(--pass-bg); color: var(--pass); border: 1px solid var(--pass); }
.banner.fail { background: var(--fail-bg); color: var(--fail); border: 1px solid var(--fail); }
.banner.running { background: #eff6ff; color: #1e3a8a; border: 1px solid #1e3a8a; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; } th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { background: #f9fafb; } tr.fail td { color: var(--fail); font-weight: 600; } tr.pass td:first-child { color: var(--pass); } tr.unchecked td { color: #92400e; font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; } dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; word-break: break-word; }
figure.chart { margin: 16px 0; break-inside: avoid; page-break-inside: avoid; } figcaption { margin-bottom: 4px; }
figure.absent figcaption { color: var(--muted); font-style: italic; }
.note { color: var(--muted); } .sides { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
@media print { body { max-width: none; padding: 0; } .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; } h2 { break-after: avoid; } }
`;

export interface PageInput {
  title: string;
  body: string;
  charts: readonly ReportChart[];
  library: ChartLibrary;
  /**
   * The live page's script (report/livePage.ts), run after the charts are drawn. Only with it does the page's CSP
   * allow one more thing: a connection to its own origin (`connect-src 'self'`), for the server-sent events.
   */
  live?: string;
}

/** The report's Content-Security-Policy: nothing fetched; the live page may also connect back to where it came from. */
export function contentSecurityPolicy(live: boolean): string {
  return `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:${live ? "; connect-src 'self'" : ''}`;
}

export function page(input: PageInput): string {
  const drawn = input.charts.filter((c) => c.kind === 'chart');
  const data = JSON.stringify(drawn).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(input.live !== undefined)}">
<title>${escapeHtml(input.title)}</title>
<style>${input.library.css}</style>
<style>${STYLE}</style>
</head>
<body>
${input.body}
<script type="application/json" id="report-charts">${data}</script>
<script>${scriptText(input.library.script)}</script>
<script>${scriptText(CHART_SCRIPT)}</script>
${input.live === undefined ? '' : `<script>${scriptText(input.live)}</script>\n`}</body>
</html>
`;
}
