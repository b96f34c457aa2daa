// The nemesis of a run (`run --nemesis`, nemesis.json) in the report: a table of its events — what was done to which
// process when, how long it was out, the pids before and after, what the load saw meanwhile — and the same events as
// marked bands on the charts over time. Pure.

import type { ChartMark, ReportChart } from './chart.ts';
import { escapeHtml, section, table } from './html.ts';
import type { NemesisEventPlan, NemesisRecord, WindowFigures } from '../vocabulary/nemesis.ts';

/** What the report reads of nemesis.json (its types: vocabulary/nemesis.ts). */
export interface NemesisView {
  spec: string;
  events: Pick<NemesisRecord['events'][number], 'kind' | 'at' | 'atMs' | 'holdMs' | 'outageMs' | 'recoveredAt' | 'pidBefore' | 'pidAfter' | 'load'>[];
  notReached: Pick<NemesisEventPlan, 'kind' | 'atMs' | 'once'>[];
  during: Pick<WindowFigures, 'requests' | 'failed'>;
  outside: Pick<WindowFigures, 'requests' | 'failed'>;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The events as bands on the charts whose x is seconds since `startMs`. */
export function nemesisMarks(view: NemesisView, startMs: number): ChartMark[] {
  return view.events.map((e) => ({ from: (Date.parse(e.at) - startMs) / 1000, to: (Date.parse(e.recoveredAt) - startMs) / 1000, label: e.kind }));
}

/** Every chart over time with the events marked on it. */
export function withNemesisMarks(charts: readonly ReportChart[], marks: readonly ChartMark[]): ReportChart[] {
  if (marks.length === 0) return [...charts];
  return charts.map((c) => (c.kind === 'chart' && c.xAxis === 'elapsed' ? { ...c, marks: [...marks] } : c));
}

export function nemesisSection(view: NemesisView): string {
  const rows = view.events.map((e) => [
    e.kind,
    s(e.atMs),
    e.holdMs > 0 ? s(e.holdMs) : '–',
    s(e.outageMs),
    e.pidBefore === e.pidAfter ? String(e.pidBefore) : `${e.pidBefore} → ${e.pidAfter}`,
    `${e.load.failed} of ${e.load.requests}`,
    `${Math.round(e.load.slowestMs)} ms`,
  ]);
  const missed = view.notReached.filter((e) => e.once);
  const notes = [
    `<p>Spec <code>${escapeHtml(view.spec)}</code>: ${view.events.length} event(s), marked as red bands on the charts over time (from the signal to the service answering again).`,
    `Requests failed during the windows: ${view.during.failed} of ${view.during.requests} (counted, not judged); outside them: ${view.outside.failed} of ${view.outside.requests} (judged against the error-rate SLO).</p>`,
    missed.length > 0
      ? `<p class="note">Never reached (the load ended first): ${escapeHtml(missed.map((e) => `${e.kind}@${e.atMs / 1000}s`).join(', '))}.</p>`
      : '',
  ].join('\n');
  const events =
    rows.length === 0
      ? '<p class="note">No event happened.</p>'
      : table(['event', 'at (since the load started)', 'hold', 'out for', 'pid', 'requests failed in its window', 'slowest request in its window'], rows);
  return section('nemesis', 'Nemesis', `${notes}\n${events}`);
}
