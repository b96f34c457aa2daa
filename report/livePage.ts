// The live page of a run (`harness run --watch`, `harness watch --run`): the report's page (report/html.ts: the
// same styles, uPlot inline, the same chart script and chart specs, the report's CSP plus a connection back to its own
// origin) with the charts drawn from what the run has so far, then given new data by server-sent events every second,
// and the verdict and capacity headline once the run is judged. Pure: the messages and the page as strings.

import type { ReportChart } from './chart.ts';
import { chartSlot, escapeHtml, page, section, type ChartLibrary } from './html.ts';
import type { LiveTotals } from './liveSeries.ts';

/** What the page receives every second: the charts with data, why the others are empty, and the running totals. */
export interface LiveUpdate {
  charts: ReportChart[];
  totals: LiveTotals;
}

/** What the page receives once the run is judged: verdict.json's status, its one line, and the capacity headline. */
export interface LiveFinal {
  status: string;
  pass: boolean;
  line: string;
  headline: string[];
}

/** One server-sent event: its name and its data as one line of JSON (JSON.stringify writes no raw line break). */
export function sseMessage(event: 'update' | 'final', data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The update as sent: charts with data for reportDraw, the others' reasons for their captions. */
export function updateMessage(update: LiveUpdate): string {
  const charts = update.charts.filter((c) => c.kind === 'chart');
  const absent = update.charts.flatMap((c) => (c.kind === 'absent' ? [{ id: c.id, title: c.title, reason: c.reason }] : []));
  return sseMessage('update', { charts, absent, totals: update.totals, stats: statsLine(update.totals) });
}

const count = (n: number): string => n.toLocaleString('en-US');

/** The line over the charts: how long the load has run and what it has done so far. */
export function statsLine(t: LiveTotals): string {
  if (t.seconds === 0) return 'Waiting for the load: the engine writes its first row after its first second.';
  return `${count(t.seconds)} s of load · ${count(t.requests)} requests · ${count(t.failed)} failed · ${count(t.started)} journeys started · ${count(t.completed)} completed`;
}

/** The page's script: takes the events and hands them to the chart script and the banner. Plain ES2019. */
export const LIVE_SCRIPT = String.raw`(function () {
  var banner = document.getElementById('verdict');
  var stats = document.getElementById('live-stats');
  var headline = document.getElementById('headline');
  function caption(id, title, text) {
    var figure = document.querySelector('[data-chart="' + id + '"] figcaption');
    if (!figure) return;
    figure.textContent = '';
    var strong = document.createElement('strong');
    strong.textContent = title;
    figure.appendChild(strong);
    figure.appendChild(document.createTextNode(' — ' + text));
  }
  function update(m) {
    window.reportDraw(m.charts);
    m.charts.forEach(function (c) { caption(c.id, c.title, c.caption); });
    m.absent.forEach(function (a) { caption(a.id, a.title, 'not shown yet: ' + a.reason); });
    stats.setAttribute('data-requests', String(m.totals.requests));
    stats.setAttribute('data-seconds', String(m.totals.seconds));
    stats.textContent = m.stats;
  }
  function final(m) {
    banner.className = 'banner ' + (m.pass ? 'pass' : 'fail');
    banner.setAttribute('data-pass', String(m.pass));
    banner.setAttribute('data-status', m.status);
    banner.textContent = m.line;
    var list = headline.querySelector('ul');
    list.textContent = '';
    m.headline.forEach(function (line) { var li = document.createElement('li'); li.textContent = line; list.appendChild(li); });
    headline.hidden = false;
    window.liveFinal = m;
    source.close();
  }
  var source = new EventSource('events');
  source.addEventListener('update', function (e) { update(JSON.parse(e.data)); });
  source.addEventListener('final', function (e) { final(JSON.parse(e.data)); });
  source.onerror = function () { if (!window.liveFinal) stats.setAttribute('data-connection', 'lost'); };
  source.onopen = function () { stats.removeAttribute('data-connection'); };
})();
`;

export interface LivePageInput {
  runId: string;
  profile: string;
  update: LiveUpdate;
  final?: LiveFinal;
  library: ChartLibrary;
}

/** Every chart gets a slot to draw into, with data or not yet: the page draws it when its data comes. */
function liveSlot(c: ReportChart): string {
  if (c.kind === 'chart') return chartSlot(c);
  return chartSlot({ kind: 'chart', id: c.id, title: c.title, caption: `not shown yet: ${c.reason}`, xAxis: 'elapsed', yLabel: '', x: [], series: [] });
}

function banner(final: LiveFinal | undefined): string {
  if (!final) return '<div class="banner running" id="verdict" data-status="RUNNING">RUNNING — the verdict shows here when the run is judged</div>';
  return `<div class="banner ${final.pass ? 'pass' : 'fail'}" id="verdict" data-pass="${final.pass}" data-status="${escapeHtml(final.status)}">${escapeHtml(final.line)}</div>`;
}

export function renderLivePage(input: LivePageInput): string {
  const title = `${input.profile} run ${input.runId}`;
  const t = input.update.totals;
  const lines = input.final?.headline ?? [];
  const body = [
    `<header><h1>Live: ${escapeHtml(title)}</h1><p class="note">Served by the harness on 127.0.0.1, updated every second; report.html in the run folder is the full report once the run ends.</p></header>`,
    banner(input.final),
    `<p id="live-stats" data-requests="${t.requests}" data-seconds="${t.seconds}">${escapeHtml(statsLine(t))}</p>`,
    `<section id="headline"${input.final ? '' : ' hidden'}>\n<h2>Capacity</h2>\n<ul class="headline">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>\n</section>`,
    section('timeline', 'Over time', input.update.charts.map(liveSlot).join('\n')),
  ].join('\n');
  return page({ title: `Live: ${title}`, body, charts: input.update.charts, library: input.library, live: LIVE_SCRIPT });
}
