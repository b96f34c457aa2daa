// Writes a run folder's report.html from the files the run left: the thin I/O shell around report/runReport.ts.
// A file the report cannot use (absent, or not what it should be) becomes a note and an absent chart, never a crash:
// the report shows what there is. Capacity and soak reuse the analyses `harness capacity` and `harness soak` run.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { MetricLineError, parseMetricSeries } from '../../analysis/metricSeries.ts';
import type { RunSamples } from '../../analysis/runSamples.ts';
import type { SeriesPoint } from '../../analysis/soak.ts';
import { readInsurerRecords, readLedger } from '../../reconcile/ndjson.ts';
import { capacityCharts, type CapacityView } from '../../report/capacitySection.ts';
import { absent, type ReportChart } from '../../report/chart.ts';
import { DELIVERY_CHART_TITLES, deliveriesOf, deliveryCharts } from '../../report/delivery.ts';
import { exchangeCharts, exchangeQueueCharts } from '../../report/exchangeCharts.ts';
import { renderRunReport, type ReconciliationView } from '../../report/runReport.ts';
import { recordedExecutor } from '../../report/scenarioPlan.ts';
import { soakCharts, type SoakView } from '../../report/soakSection.ts';
import { LOAD_CHART_TITLES, timelineCharts } from '../../report/timeline.ts';
import { nemesisMarks, withNemesisMarks, type NemesisView } from '../../report/nemesisSection.ts';
import { WAITING_ROOM_CHART_TITLES, waitingRoomCharts } from '../../report/waitingRoom.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import type { LoadSummary } from '../../verdict/loadSummary.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { capacityJson } from '../commands/capacity.ts';
import { fitAndPlan, fromRun } from '../analysis/capacityInputs.ts';
import { readRunSamples } from '../analysis/readRunSamples.ts';
import { readOptionalRunJson, readRunJson, requireRunFolder } from '../analysis/runInputs.ts';
import { soakOfRun } from '../analysis/soakOfRun.ts';
import { runFile } from '../runFiles.ts';
import type { Targets } from '../targets/schema.ts';
import { UsageError } from '../usageError.ts';
import { readChartLibrary } from './chartLibrary.ts';

/** Profiles whose runs get a capacity section (a step load) and a soak section. */
const CAPACITY_PROFILES = new Set(['stress']);
const SOAK_PROFILES = new Set(['soak']);
/** Said when run.json records no load plan: the arrival and users charts then draw no planned line. */
const NO_RECORDED_PLAN = 'run.json records no load plan (a run from before runs recorded one), so the arrival rate and users charts draw no planned line.';

/** The message of an input the report cannot use; anything else is a bug and is thrown on. */
function usable<T>(read: () => T, notes: string[]): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    notes.push(error.message);
    return undefined;
  }
}

async function usableAsync<T>(read: () => Promise<T>, notes: string[]): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    notes.push(error.message);
    return undefined;
  }
}

const LOAD_CHARTS = Object.entries({ ...LOAD_CHART_TITLES, ...WAITING_ROOM_CHART_TITLES });

function exchangeSeriesOf(runDir: string, which: 'exchangeMetrics' | 'exchangeQueues', startMs: number, notes: string[]): { series?: Map<string, SeriesPoint[]>; why: string } {
  const file = runFile(runDir, which);
  if (!existsSync(file)) return { why: `${file} is not in the run folder: the run had no Prometheus of its own (\`harness setup --prometheus\`, or --prometheus own), or predates the file.` };
  try {
    return { series: parseMetricSeries(readFileSync(file, 'utf8'), startMs), why: '' };
  } catch (error) {
    if (!(error instanceof MetricLineError)) throw error;
    notes.push(`${file}: ${error.message}`);
    return { why: `${file} could not be read (${error.message}).` };
  }
}

async function deliveryChartsOf(runDir: string, startMs: number, notes: string[]): Promise<ReportChart[]> {
  const ledger = await usableAsync(() => readLedger(runFile(runDir, 'ledger')), notes);
  const received = await usableAsync(() => readInsurerRecords(runFile(runDir, 'insurerRecords')), notes);
  if (!ledger || !received) {
    const why = `${!ledger ? 'ledger.ndjson' : 'insurer-records.ndjson'} is not usable (see the notes).`;
    return Object.entries(DELIVERY_CHART_TITLES).map(([id, title]) => absent(id, title, why));
  }
  return deliveryCharts(deliveriesOf(ledger, received), startMs);
}

function capacityOf(runDir: string, targets: Targets): { view: CapacityView | { absent: string }; charts: ReportChart[] } {
  try {
    const measured = fromRun(runDir);
    const { fit, plan } = fitAndPlan(measured, targets, runDir);
    const view: CapacityView = { fit, load: measured.load, latency: measured.latency, json: capacityJson(fit, plan, measured, targets), sloP95Ms: targets.slo.p95Ms };
    return { view, charts: capacityCharts(view) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { view: { absent: `No capacity fit: ${error.message}` }, charts: [] };
  }
}

function soakOf(runDir: string): { view: SoakView | { absent: string }; charts: ReportChart[] } {
  try {
    const view = soakOfRun(runDir, { minRelativeChange: 0.1 });
    return { view, charts: soakCharts(view) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { view: { absent: `No soak judgement: ${error.message}` }, charts: [] };
  }
}

/** Renders the run folder's report and writes it to report.html; returns the file and its size in bytes. */
export async function writeRunReport(runDir: string, targets: Targets, now = new Date()): Promise<{ file: string; bytes: number }> {
  requireRunFolder(runDir);
  const notes: string[] = [];
  const run = readRunJson<Record<string, unknown>>(runDir, 'run', "the run's parameters written by `harness run`");
  const verdict = usable(() => readOptionalRunJson<Verdict>(runDir, 'verdict', 'the verdict of the run'), notes);
  const reconciliation = usable(() => readOptionalRunJson<ReconciliationView>(runDir, 'reconciliation', 'the reconciliation of the run'), notes);
  const loadSummary = usable(() => readOptionalRunJson<LoadSummary>(runDir, 'loadSummary', "the load engine's end-of-test summary"), notes);
  const loadMetrics = loadSummary && typeof loadSummary.metrics === 'object' && loadSummary.metrics !== null ? loadSummary.metrics : undefined;
  if (!loadMetrics) notes.push(`${runFile(runDir, 'loadSummary')} is absent or has no metrics: the report shows no per-route or per-phase figures.`);
  const samples: RunSamples | undefined = usable(() => readRunSamples(runDir), notes);
  const startMs = samples?.start ?? Date.parse(String(run.startedAt));
  if (samples && (run.plan === undefined || run.plan === null)) notes.push(NO_RECORDED_PLAN);
  const timeline: ReportChart[] = samples
    ? [...timelineCharts(samples, usable(() => recordedExecutor(run), notes)), ...waitingRoomCharts(samples)]
    : LOAD_CHARTS.map(([id, title]) => absent(id, title, "The engine's per-second samples (load-seconds.ndjson) are not usable; see the notes."));
  const exchange = exchangeSeriesOf(runDir, 'exchangeMetrics', startMs, notes);
  const queues = exchangeSeriesOf(runDir, 'exchangeQueues', startMs, notes);
  timeline.push(...exchangeQueueCharts(queues.series, queues.why), ...(await deliveryChartsOf(runDir, startMs, notes)), ...exchangeCharts(exchange.series, exchange.why));
  const profile = String(run.profile);
  const nemesis = usable(() => readOptionalRunJson<NemesisView>(runDir, 'nemesis', "the run's nemesis events"), notes);
  const html = renderRunReport({
    verdict,
    run,
    timeline: nemesis ? withNemesisMarks(timeline, nemesisMarks(nemesis, startMs)) : timeline,
    ...(nemesis ? { nemesis } : {}),
    reconciliation,
    headline: runHeadline(runDir, targets),
    loadMetrics,
    ...(CAPACITY_PROFILES.has(profile) ? { capacity: capacityOf(runDir, targets) } : {}),
    ...(SOAK_PROFILES.has(profile) ? { soak: soakOf(runDir) } : {}),
    notes,
    generatedAt: now.toISOString(),
    library: readChartLibrary(),
  });
  const file = runFile(runDir, 'report');
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
