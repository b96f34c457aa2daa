// The run page: one document for a run watched live (`run --watch`, `harness watch`) and for its report.html, which
// is the same page frozen at the end of the run with its state inline. Both are built here from the same state —
// the charts of the run's bounded stores, the running totals, the request tables — and, once the run is judged, the
// same final view (the verdict, the capacity headline, the integrity findings, targets, parameters, capacity and soak
// sections). The live page adds only its script, which takes the same state again every second from server-sent
// events. Pure.

import type { ReportChart } from './chart.ts';
import { chartSlot, escapeHtml, page, section, type ChartLibrary } from './html.ts';
import type { LiveTotals } from './liveSeries.ts';
import { requestsSection, type RequestMetrics } from './requestTables.ts';

/** What the page shows of the run so far: sent every second to the live page, inline in report.html. */
export interface RunView {
  /** Charts over time, in the order shown; absent ones say why. */
  charts: ReportChart[];
  totals: LiveTotals;
  /** The request totals per route and by phase (the load summary's shape); undefined while there are none. */
  requests?: RequestMetrics;
}

/** What the page shows once the run is judged (or, in a report, the run folder's files say there is no verdict). */
export interface RunFinal {
  /** verdict.json's status (PASS, FAIL, INTERRUPTED), or NONE when the folder holds no verdict. */
  status: string;
  /** undefined: no verdict. */
  pass: boolean | undefined;
  /** The verdict's one line, as the terminal prints it. */
  line: string;
  /** The capacity headline (verdict/headline.ts). */
  headline: string[];
  /** HTML of the sections known once the run is judged: before the request tables, after them, after the charts. */
  findings: string;
  context: string;
  analyses: string;
  /** Charts of the sections after the charts over time (capacity, soak). */
  charts: ReportChart[];
}

export const count = (n: number): string => n.toLocaleString('en-US');

/** The line over the charts: how long the load has run and what it has done. */
export function statsLine(t: LiveTotals): string {
  if (t.seconds === 0) return 'Waiting for the load: the engine writes its first row after its first second.';
  return `${count(t.seconds)} s of load · ${count(t.requests)} requests · ${count(t.failed)} failed · ${count(t.started)} journeys started · ${count(t.completed)} completed`;
}

/** The request tables of the view, as the page holds them (the live page replaces them every second). */
export function requestsHtml(view: RunView): string {
  return requestsSection(
    view.requests,
    "No request figures: the engine's per-second rows (load-seconds.ndjson) hold none yet; it writes the first after the first second of load.",
  );
}

function banner(final: RunFinal | undefined): string {
  if (!final) return '<div class="banner running" id="verdict" data-status="RUNNING">RUNNING — the verdict shows here when the run is judged</div>';
  const pass = final.pass === undefined ? 'unknown' : String(final.pass);
  return `<div class="banner ${final.pass ? 'pass' : 'fail'}" id="verdict" data-pass="${pass}" data-status="${escapeHtml(final.status)}">${escapeHtml(final.line)}</div>`;
}

/** Live, a chart without data yet still gets a slot to draw into when its data comes; frozen, it says why it is absent. */
function slot(c: ReportChart, live: boolean): string {
  if (c.kind === 'chart' || !live) return chartSlot(c);
  return chartSlot({ kind: 'chart', id: c.id, title: c.title, caption: `not shown yet: ${c.reason}`, xAxis: 'elapsed', yLabel: '', x: [], series: [] });
}

export interface RunPageInput {
  runId: string;
  profile: string;
  view: RunView;
  final?: RunFinal;
  library: ChartLibrary;
  /** The live page's script (report/livePage.ts); absent, the page is frozen: report.html. */
  live?: string;
  /** When a frozen page was written. */
  generatedAt?: string;
}

export function renderRunPage(input: RunPageInput): string {
  const live = input.live !== undefined;
  const title = `${input.profile} run ${input.runId}`;
  const t = input.view.totals;
  const final = input.final;
  const lines = final?.headline ?? [];
  const intro = live
    ? `<header><h1>Live: ${escapeHtml(title)}</h1><p class="note">Served by the harness on 127.0.0.1, updated every second; report.html in the run folder is this page frozen at the end of the run.</p></header>`
    : `<header><h1>Run report: ${escapeHtml(title)}</h1><p class="note">Written ${escapeHtml(input.generatedAt ?? '')} from the files of the run folder: the run's live page (\`run --watch\`) frozen at the end of the run.</p></header>`;
  const body = [
    intro,
    banner(final),
    `<p id="live-stats" data-requests="${t.requests}" data-seconds="${t.seconds}">${escapeHtml(statsLine(t))}</p>`,
    `<section id="headline"${final && lines.length > 0 ? '' : ' hidden'}>\n<h2>Capacity</h2>\n<ul class="headline">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>\n</section>`,
    `<div id="final-findings">${final?.findings ?? ''}</div>`,
    `<div id="run-requests">${requestsHtml(input.view)}</div>`,
    `<div id="final-context">${final?.context ?? ''}</div>`,
    section('timeline', 'Over time', input.view.charts.map((c) => slot(c, live)).join('\n')),
    `<div id="final-analyses">${final?.analyses ?? ''}</div>`,
  ].join('\n');
  return page({
    title: `${live ? 'Live' : 'Report'}: ${title}`,
    body,
    charts: [...input.view.charts, ...(final?.charts ?? [])],
    library: input.library,
    ...(live ? { live: input.live } : {}),
  });
}
