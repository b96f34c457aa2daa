// The live page as strings: the server-sent events it takes (one JSON line each), the line over its charts, and the
// page itself — the report's page with the live script, and a CSP that adds only a connection back to its origin.

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../report/html.ts';
import { liveCharts } from '../../report/liveCharts.ts';
import { renderLivePage, sseMessage, statsLine, updateMessage } from '../../report/livePage.ts';
import { renderRunPage } from '../../report/runPage.ts';
import { LiveSeries } from '../../report/liveSeries.ts';

const library = { script: 'window.uPlot = function () {};', css: '.u{}' };

function parse(message: string): { event: string; data: unknown } {
  expect(message.endsWith('\n\n')).toBe(true);
  const lines = message.slice(0, -2).split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^event: \w+$/);
  expect(lines[1]).toMatch(/^data: /);
  return { event: lines[0]!.slice('event: '.length), data: JSON.parse(lines[1]!.slice('data: '.length)) };
}

function storeOf(seconds: number): LiveSeries {
  const store = new LiveSeries();
  for (let s = 0; s < seconds; s++)
    store.push({
      second: 100 + s,
      started: 2,
      completed: 1,
      requests: 10 + s,
      failed: s === 2 ? 1 : 0,
      p50: 5,
      p95: 9,
      p99: 12,
      users: 3,
      waitP50: null,
      waitP95: null,
      waitMax: null,
      waits: [],
    });
  return store;
}

describe('server-sent events of the live page', () => {
  it('frames one event as its name and one line of JSON, whatever line breaks the data holds', () => {
    const message = sseMessage('final', { status: 'FAIL', pass: false, line: 'VERDICT: FAIL\nmissed', headline: ['a\r\nb'] });
    expect(parse(message)).toEqual({ event: 'final', data: { status: 'FAIL', pass: false, line: 'VERDICT: FAIL\nmissed', headline: ['a\r\nb'] } });
  });

  it('sends the charts with data to draw, the empty ones with their reason, and the totals', () => {
    const store = storeOf(4);
    const { event, data } = parse(updateMessage({ charts: liveCharts(store, undefined), totals: store.totals }));
    expect(event).toBe('update');
    const update = data as {
      charts: { id: string; kind: string; x: number[] }[];
      absent: { id: string; reason: string }[];
      totals: { requests: number };
      stats: string;
    };
    expect(update.charts.map((c) => c.id)).toEqual(['arrival', 'throughput', 'latency', 'errors', 'vus']);
    expect(update.charts.every((c) => c.kind === 'chart' && c.x.length === 4)).toBe(true);
    expect(update.absent.map((a) => a.id)).toEqual(['waiting-length', 'waiting-wait']);
    expect(update.totals.requests).toBe(10 + 11 + 12 + 13);
    expect(update.stats).toBe('4 s of load · 46 requests · 1 failed · 8 journeys started · 4 completed');
  });

  it('says the load has not begun before its first row', () => {
    expect(statsLine(new LiveSeries().totals)).toMatch(/^Waiting for the load/);
  });
});

describe('the live page', () => {
  it('is the report page with the live script: a slot for every chart, the running banner, the totals, and a CSP that only adds its own origin', () => {
    const store = storeOf(3);
    const html = renderLivePage({ runId: 'r-1', profile: 'load', update: { charts: liveCharts(store, undefined), totals: store.totals }, library });
    expect(html).toContain(`content="${contentSecurityPolicy(true)}"`);
    expect(contentSecurityPolicy(true)).toBe(`${contentSecurityPolicy(false)}; connect-src 'self'`);
    expect(contentSecurityPolicy(false)).toMatch(/^default-src 'none'/);
    for (const id of ['arrival', 'throughput', 'latency', 'errors', 'vus', 'waiting-wait']) expect(html).toContain(`data-chart="${id}"`);
    expect(html).toContain('data-status="RUNNING"');
    expect(html).toContain('data-requests="33"');
    expect(html).toContain("new EventSource('events')");
    expect(html).toMatch(/<section id="headline" hidden>/);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('shows the verdict and the headline when it is opened after the run was judged, escaped', () => {
    const html = renderLivePage({
      runId: 'r-1',
      profile: 'load',
      update: { charts: [], totals: new LiveSeries().totals },
      final: {
        status: 'FAIL',
        pass: false,
        line: 'VERDICT: FAIL — missed: <p95>',
        headline: ['users: tested 20 of 50,000'],
        findings: '<section id="integrity"></section>',
        context: '',
        analyses: '',
        charts: [],
      },
      library,
    });
    expect(html).toContain('<div class="banner fail" id="verdict" data-pass="false" data-status="FAIL">VERDICT: FAIL — missed: &lt;p95&gt;</div>');
    expect(html).toContain('<section id="headline">');
    expect(html).toContain('<li>users: tested 20 of 50,000</li>');
    expect(html).toContain('<div id="final-findings"><section id="integrity"></section></div>');
  });

  it("is report.html's document: the same page with the same state inline, plus only the live script and its connection", () => {
    const store = storeOf(3);
    const view = { charts: liveCharts(store, undefined), totals: store.totals };
    const final = {
      status: 'PASS',
      pass: true,
      line: 'VERDICT: PASS',
      headline: ['users: tested 3'],
      findings: '<p>f</p>',
      context: '<p>c</p>',
      analyses: '<p>a</p>',
      charts: [],
    };
    const live = renderLivePage({ runId: 'r-1', profile: 'load', update: view, final, library });
    const frozen = renderRunPage({ runId: 'r-1', profile: 'load', view, final, library, generatedAt: 'now' });
    const charts = (html: string): unknown => JSON.parse(/id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(charts(frozen)).toEqual(charts(live));
    expect(frozen).not.toContain('EventSource');
    expect(frozen).toContain(`content="${contentSecurityPolicy(false)}"`);
    const body = (html: string): string =>
      html
        .slice(html.indexOf('id="verdict"'), html.indexOf('<script type="application/json"'))
        .replace(/<figure class="chart absent"[\s\S]*?<\/figure>|<figure class="chart" data-chart="waiting-[\s\S]*?<\/figure>/g, '');
    expect(body(frozen)).toEqual(body(live));
  });
});
