// The live page of a run (`harness run --watch`, `harness watch --run`): the run page (report/runPage.ts, the same
// document report.html is) with one more script, which takes the page's state again every second from server-sent
// events — the same view report.html holds inline — and the final view once the run is judged. The page's CSP adds
// only a connection back to its own origin. Pure: the messages, the script and the page as strings.

import type { ChartLibrary } from './html.ts';
import { renderRunPage, requestsHtml, statsLine, type RunFinal, type RunView } from './runPage.ts';

export { statsLine } from './runPage.ts';
export type { RunFinal as LiveFinal, RunView as LiveUpdate } from './runPage.ts';

/** One server-sent event: its name and its data as one line of JSON (JSON.stringify writes no raw line break). */
export function sseMessage(event: 'update' | 'final', data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The view as sent: charts with data for reportDraw, the others' reasons for their captions, the totals and the request tables. */
export function updateMessage(view: RunView): string {
  const charts = view.charts.filter((c) => c.kind === 'chart');
  const absent = view.charts.flatMap((c) => (c.kind === 'absent' ? [{ id: c.id, title: c.title, reason: c.reason }] : []));
  return sseMessage('update', { charts, absent, totals: view.totals, stats: statsLine(view.totals), requests: requestsHtml(view) });
}

/** The page's script: takes the events and hands them to the chart script, the banner and the sections. Plain ES2019. */
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
    // HTML the server escaped (report/requestTables.ts), as report.html holds it.
    document.getElementById('run-requests').innerHTML = m.requests;
  }
  function final(m) {
    banner.className = 'banner ' + (m.pass ? 'pass' : 'fail');
    banner.setAttribute('data-pass', m.pass === undefined ? 'unknown' : String(m.pass));
    banner.setAttribute('data-status', m.status);
    banner.textContent = m.line;
    var list = headline.querySelector('ul');
    list.textContent = '';
    m.headline.forEach(function (line) { var li = document.createElement('li'); li.textContent = line; list.appendChild(li); });
    headline.hidden = m.headline.length === 0;
    document.getElementById('final-findings').innerHTML = m.findings;
    document.getElementById('final-context').innerHTML = m.context;
    document.getElementById('final-analyses').innerHTML = m.analyses;
    window.reportDraw(m.charts);
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
  update: RunView;
  final?: RunFinal;
  library: ChartLibrary;
}

export function renderLivePage(input: LivePageInput): string {
  return renderRunPage({
    runId: input.runId,
    profile: input.profile,
    view: input.update,
    ...(input.final ? { final: input.final } : {}),
    library: input.library,
    live: LIVE_SCRIPT,
  });
}
