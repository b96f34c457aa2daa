// Writes a run folder's report.html from the files the run left: the thin I/O shell around report/runReport.ts. The
// charts, totals and request tables are the run page's state (scripts/watch/runState.ts, what the live page reads),
// so report.html is the live page frozen at the end of the run. A file the report cannot use (absent, or not what it
// should be) becomes a note and an absent chart, never a crash: the report shows what there is. Capacity and soak
// reuse the analyses `harness capacity` and `harness soak` run.

import { writeFileSync } from 'node:fs';
import { capacityCharts, type CapacityView } from '../../report/capacitySection.ts';
import type { ReportChart } from '../../report/chart.ts';
import type { NemesisView } from '../../report/nemesisSection.ts';
import { renderRunReport, type RunReportInput } from '../../report/runReport.ts';
import type { RunView } from '../../report/runPage.ts';
import { recordedExecutor } from '../../report/scenarioPlan.ts';
import { soakCharts, type SoakView } from '../../report/soakSection.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { capacityJson } from '../commands/capacity.ts';
import { fitAndPlan, fromRun } from '../analysis/capacityInputs.ts';
import { readOptionalReconciliation, readOptionalRunJson, readRunJson, requireRunFolder } from '../analysis/runInputs.ts';
import { soakOfRun } from '../analysis/soakOfRun.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { RunState } from '../watch/runState.ts';
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

function capacityOf(runDir: string, targets: Targets): { view: CapacityView | { absent: string }; charts: ReportChart[] } {
  try {
    const measured = fromRun(runDir);
    const { fit, plan } = fitAndPlan(measured, targets, runDir);
    const view: CapacityView = {
      fit,
      load: measured.load,
      latency: measured.latency,
      json: capacityJson(fit, plan, measured, targets),
      sloP95Ms: targets.slo.p95Ms,
    };
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

/**
 * What the run page shows once the run is judged, from the folder's files: the same for the live page's last
 * message and for report.html. `notes` gathers what the reader should know about files it could not use.
 */
export function readRunFinal(
  runDir: string,
  targets: Targets,
  notes: string[],
): Omit<RunReportInput, 'timeline' | 'totals' | 'loadMetrics' | 'generatedAt' | 'library'> {
  const run = readRunJson<Record<string, unknown>>(runDir, 'run', "the run's parameters written by `harness run`");
  const verdict = usable(() => readOptionalRunJson<Verdict>(runDir, 'verdict', 'the verdict of the run'), notes);
  const reconciliation = usable(() => readOptionalReconciliation(runDir), notes);
  if (run.plan === undefined || run.plan === null) notes.push(NO_RECORDED_PLAN);
  const profile = String(run.profile);
  const nemesis = usable(() => readOptionalRunJson<NemesisView>(runDir, 'nemesis', "the run's nemesis events"), notes);
  return {
    verdict,
    run,
    ...(nemesis ? { nemesis } : {}),
    reconciliation,
    headline: runHeadline(runDir, targets),
    ...(CAPACITY_PROFILES.has(profile) ? { capacity: capacityOf(runDir, targets) } : {}),
    ...(SOAK_PROFILES.has(profile) ? { soak: soakOf(runDir) } : {}),
    notes,
  };
}

/**
 * The run page at the end of the run: the state's view (its charts, totals and request tables) and the final view,
 * read the same way for the live page's last messages and for report.html, so both show the same.
 */
export function endOfRunPage(runDir: string, targets: Targets, state: RunState): { view: RunView; final: ReturnType<typeof readRunFinal> } {
  const notes: string[] = [];
  const final = readRunFinal(runDir, targets, notes);
  const view = state.view(usable(() => recordedExecutor(final.run), notes));
  notes.push(...state.notes());
  return { view, final };
}

/**
 * Renders the run folder's report — the run page frozen: the folder read to its end by the live page's RunState —
 * and writes it to report.html; returns the file and its size in bytes.
 */
export async function writeRunReport(runDir: string, targets: Targets, now = new Date()): Promise<{ file: string; bytes: number }> {
  requireRunFolder(runDir);
  const state = new RunState(runDir);
  await state.read();
  const { view, final } = endOfRunPage(runDir, targets, state);
  const html = renderRunReport({
    ...final,
    timeline: view.charts,
    totals: view.totals,
    loadMetrics: view.requests,
    generatedAt: now.toISOString(),
    library: readChartLibrary(),
  });
  const file = runFile(runDir, 'report');
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}
