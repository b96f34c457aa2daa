// One run's report as an HTML string: the run page (report/runPage.ts) frozen, the page the run showed live with its
// final state inline — the verdict banner (the same line the terminal prints), the capacity headline (the same lines
// as the terminal and summary.md), the integrity findings, the targets table, the requests per route and where their
// time goes, the run's parameters, the charts over time, and the capacity section of a stress run or the soak section
// of a soak run. reportFinal is also what the live page is sent once the run is judged. Pure: everything it shows is
// in its input.

import { DEFECT_CLASSES } from '../reconcile/reconcile.ts';
import { exampleValue, maskSsn } from '../reconcile/mask.ts';
import { checkStatus, verdictHeadline } from '../verdict/render.ts';
import { checkTarget, checkValue, verdictStatus, type Verdict } from '../verdict/verdict.ts';
import { capacitySection, type CapacityView } from './capacitySection.ts';
import type { ReportChart } from './chart.ts';
import { definitionList, escapeHtml, fmt, section, table, type ChartLibrary } from './html.ts';
import type { LiveTotals } from './liveSeries.ts';
import { nemesisSection, type NemesisView } from './nemesisSection.ts';
import type { RequestMetrics } from './requestTables.ts';
import { renderRunPage, type RunFinal } from './runPage.ts';
import { soakSection, type SoakView } from './soakSection.ts';
import type { ReconciliationFile } from '../vocabulary/reconciliation.ts';

/** reconciliation.json as read through its schema (vocabulary/reconciliation.ts): fields of earlier versions optional. */
export type ReconciliationView = ReconciliationFile;

export interface RunReportInput {
  verdict: Verdict | undefined;
  /** run.json as the run wrote it. */
  run: Record<string, unknown>;
  /** Charts over time, in the order shown; absent ones say why. */
  timeline: ReportChart[];
  /** The load's running totals at the end (the line over the charts); none given, none counted. */
  totals?: LiveTotals;
  reconciliation: ReconciliationView | undefined;
  /** The capacity headline's lines (verdict/headline.ts), as the terminal and summary.md show them. */
  headline?: string[];
  /** The request totals (the load summary's shape), for the per-route and per-phase tables; undefined when unusable. */
  loadMetrics?: RequestMetrics;
  capacity?: { view: CapacityView | { absent: string }; charts: ReportChart[] };
  soak?: { view: SoakView | { absent: string }; charts: ReportChart[] };
  /** The run's nemesis (nemesis.json), when it had one. */
  nemesis?: NemesisView;
  /** Things the reader should know about missing or unreadable inputs. */
  notes: string[];
  generatedAt: string;
  library: ChartLibrary;
}

const NO_VERDICT = 'NO VERDICT — verdict.json is not in the run folder (run `harness gate --run DIR`)';

function targets(verdict: Verdict | undefined): string {
  if (!verdict) return '<p class="note">No verdict, so no targets to show.</p>';
  return table(
    ['', 'check', 'target', 'actual'],
    verdict.checks.map((c) => [checkStatus(c), c.name, checkTarget(c), c.notChecked === undefined ? checkValue(c) : `${checkValue(c)}: ${c.notChecked}`]),
    (i) => (verdict.checks[i]!.notChecked !== undefined ? 'unchecked' : verdict.checks[i]!.pass ? 'pass' : 'fail'),
  );
}

const text = (v: unknown): string => (v === undefined || v === null || v === '' ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function parameters(run: Record<string, unknown>): string {
  const plan = run.plan as { executor?: unknown; gracefulStopSeconds?: unknown } | undefined;
  const metrics = run.metrics as { description?: string } | undefined;
  return definitionList([
    ['run', text(run.runId)],
    ['profile', text(run.profile)],
    ['targets file', text(run.targetsFile)],
    ['seed', text(run.seed)],
    ['scale', text(run.scale)],
    ['duration asked', run.durationSeconds ? `${text(run.durationSeconds)} s` : '– (the profile default)'],
    ['plan year', text(run.planYear)],
    ['fault switches', text(run.faults) === '–' ? 'none' : text(run.faults)],
    ...(run.nemesis ? [['nemesis', text(run.nemesis)] as const] : []),
    ['applicants', text(run.count)],
    ['load plan', plan ? `${JSON.stringify(plan.executor)}, graceful stop ${text(plan.gracefulStopSeconds)} s` : '– (run.json records none)'],
    ['started', text(run.startedAt)],
    ['finished', text(run.finishedAt)],
    ['load', `${text(run.load)} (exit ${text(run.loadExitCode)})`],
    ['harness', text(run.harness)],
    ['Node', text(run.node)],
    ['machine', text(run.machine)],
    ['metrics', text(metrics?.description)],
  ]);
}

function integrity(r: ReconciliationView | undefined, verdict: Verdict | undefined): string {
  const unchecked = verdict?.checks.find((c) => c.notChecked !== undefined);
  // A run against an exchange the harness did not start: not reconciled in the run, by design; say how to.
  if (!r && unchecked)
    return section(
      'integrity',
      'Integrity',
      `<p class="note"><strong>NOT CHECKED in this run</strong>: ${escapeHtml(unchecked.name)} — ${escapeHtml(unchecked.notChecked!)}.</p>`,
    );
  if (!r)
    return section(
      'integrity',
      'Integrity',
      '<p class="note">reconciliation.json is not in the run folder: the run was not reconciled (run `harness reconcile --run DIR`).</p>',
    );
  const e = r.enrollments;
  const counts = definitionList([
    ['applicants (intended)', fmt(e.intended)],
    ['confirmed to consumers', fmt(e.confirmed)],
    ['received by the insurer', fmt(e.received)],
    ['received intact', fmt(e.intact)],
  ]);
  const classes = table(
    ['defect class', 'enrollments'],
    DEFECT_CLASSES.map((c) => [c, r.classes[c] ?? 0]),
    (i) => ((r.classes[DEFECT_CLASSES[i]!] ?? 0) > 0 ? 'fail' : 'pass'),
  );
  const fields = Object.entries(r.garbledByField ?? {});
  const garbled =
    fields.length === 0
      ? '<p>No field arrived garbled.</p>'
      : table(
          ['field', 'enrollments garbled'],
          fields.sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0)),
        );
  // The examples are masked when reconciliation.json is written; masked again here, so a hand-made file cannot leak.
  const listed = r.examples ?? [];
  const examples =
    listed.length === 0
      ? '<p>No defect, so no examples.</p>'
      : table(
          ['class', 'confirmation', 'field', 'expected', 'received', 'member', 'detail'],
          listed.map((x) => [
            x.class,
            x.confirmationNumber,
            x.field ?? '',
            x.field ? text(exampleValue(x.field, x.expected)) : text(x.expected),
            x.field ? text(exampleValue(x.field, x.received)) : text(x.received),
            x.member ? `${x.member.initials} ${maskSsn(x.member.ssn)}` : '',
            x.detail,
          ]),
        );
  return section(
    'integrity',
    'Integrity',
    `${counts}\n<h3>Defect classes</h3>\n${classes}\n<h3>Garbled fields</h3>\n${garbled}\n<h3>Examples (masked)</h3>\n${examples}`,
  );
}

const NO_TOTALS: LiveTotals = { seconds: 0, requests: 0, failed: 0, started: 0, completed: 0 };

/** What the run page shows once the run is judged: the same for the live page's last message and for report.html. */
export function reportFinal(input: Omit<RunReportInput, 'timeline' | 'totals' | 'loadMetrics' | 'generatedAt' | 'library'>): RunFinal {
  const verdict = input.verdict;
  const findings = [integrity(input.reconciliation, verdict), section('targets', 'Targets', targets(verdict))].join('\n');
  const context = [input.nemesis ? nemesisSection(input.nemesis) : '', section('parameters', 'Run parameters', parameters(input.run))].join('\n');
  const analyses = [
    input.capacity ? capacitySection(input.capacity.view, input.capacity.charts) : '',
    input.soak ? soakSection(input.soak.view, input.soak.charts) : '',
    input.notes.length > 0 ? section('notes', 'Notes', `<ul>${input.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`) : '',
  ].join('\n');
  return {
    status: verdict ? verdictStatus(verdict) : 'NONE',
    pass: verdict?.pass,
    line: verdict ? verdictHeadline(verdict) : NO_VERDICT,
    headline: input.headline ?? [],
    findings,
    context,
    analyses,
    charts: [...(input.capacity?.charts ?? []), ...(input.soak?.charts ?? [])],
  };
}

export function renderRunReport(input: RunReportInput): string {
  return renderRunPage({
    runId: text(input.run.runId),
    profile: text(input.run.profile),
    view: { charts: input.timeline, totals: input.totals ?? NO_TOTALS, requests: input.loadMetrics },
    final: reportFinal(input),
    library: input.library,
    generatedAt: input.generatedAt,
  });
}
