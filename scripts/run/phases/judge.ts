// Phases "judge" and "report": scan the run folder for synthetic PII, judge every target, and write verdict.json,
// summary.md, junit.xml, run.json and report.html; the files written from the verdict are scanned too, and a leak
// there fails the run after all.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { verdictJunit } from '../../../analysis/junit.ts';
import { scanRunFolder } from '../../../scan/scanRun.ts';
import { gate } from '../../../verdict/gate.ts';
import type { LoadSummary } from '../../../verdict/loadSummary.ts';
import { verdictMarkdown, verdictTable } from '../../../verdict/render.ts';
import type { Verdict } from '../../../verdict/verdict.ts';
import { runRecordJson, type RunRecord } from '../../../vocabulary/runRecord.ts';
import { runHeadline } from '../../analysis/runHeadline.ts';
import { PROJECT_ROOT } from '../../projectRoot.ts';
import { writeRunReport } from '../../report/writeRunReport.ts';
import { RUN_FILES, runFile } from '../../../vocabulary/runFiles.ts';
import { integrityNotCheckedHint } from '../externalTarget.ts';
import { harnessVersion, machineDescription } from '../machine.ts';
import { narration } from '../narration.ts';
import { nemesisJudgedOf } from '../nemesis/record.ts';
import type { BackEndOutcome } from './backEnd.ts';
import type { RunContext } from './context.ts';
import type { LoadOutcome } from './load.ts';
import type { RunServices } from './services.ts';
import { verdictJson } from '../../../vocabulary/verdict.ts';

/** run.json: what the run was asked to do and how it went (vocabulary/runRecord.ts is its contract). */
export function runRecordOf(ctx: RunContext, services: RunServices, load: LoadOutcome): RunRecord {
  const { options, plan, runId } = ctx;
  const { metrics } = services;
  return {
    runId,
    profile: options.profile.name,
    targetsFile: relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile,
    faults: options.faults,
    ...(load.nemesisRecord ? { nemesis: load.nemesisRecord.spec } : {}),
    seed: options.seed,
    scale: options.scale,
    durationSeconds: options.durationSeconds,
    count: ctx.count,
    shards: options.shards ?? 1,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.journeysFile ? { journeys: options.journeysFile } : {}),
    thinkTimeSeconds: plan.thinkTimeSeconds,
    intendedEnrollments: options.journeysFile ? null : (plan.intendedEnrollments ?? null),
    maxDroppedIterations: plan.maxDroppedJourneys ?? null,
    plan: plan.loadPlan,
    planYear: options.planYear,
    startedAt: ctx.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    load: 'harness engine',
    loadExitCode: load.loadExit,
    interrupted: ctx.interrupt.signal.aborted,
    node: process.version,
    harness: harnessVersion(),
    machine: machineDescription(),
    metrics: {
      description: metrics.description,
      testid: runId,
      prometheusDir: metrics.prometheus ? 'prometheus' : null,
      dataDir: metrics.prometheus && options.prometheusDataDir ? options.prometheusDataDir : null,
    },
  };
}

/** The facts summary.md lists under the verdict. */
function factsOf(ctx: RunContext, services: RunServices, load: LoadOutcome, intactText: string): Record<string, string> {
  const { options } = ctx;
  const facts: Record<string, string> = {
    'enrollments confirmed by the exchange': String(load.confirmed),
    'received intact by the insurer': intactText,
    ...(options.baseUrl ? { 'exchange under test': `${options.baseUrl} (--base-url)` } : {}),
    ...(options.journeysFile ? { journeys: `\`${relative(PROJECT_ROOT, options.journeysFile) || options.journeysFile}\` (--journeys)` } : {}),
    load: load.loadDescription,
    seed: String(options.seed),
    targets: relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile,
  };
  if (options.faults) facts['fault switches'] = `\`${options.faults}\``;
  const nemesis = load.nemesisRecord;
  if (nemesis) {
    facts.nemesis =
      `\`${nemesis.spec}\`: ${nemesis.events.length} event(s) (${RUN_FILES.nemesis}); ${nemesis.during.failed} of ${nemesis.during.requests} requests failed during their windows (counted, not judged), ` +
      `${nemesis.outside.failed} of ${nemesis.outside.requests} outside them (judged against the error-rate SLO); latency and the other availability checks are not judged under a nemesis, integrity is`;
  }
  facts.metrics = services.metrics.afterRun;
  return facts;
}

export async function judgeAndReport(ctx: RunContext, services: RunServices, load: LoadOutcome, backEnd: BackEndOutcome, ledgerPath: string): Promise<Verdict> {
  const { options, runDir, runId, plan, count, say } = ctx;
  const targets = options.targets;
  const { reconciliation, faultsJudged } = backEnd;
  const piiFindings = await scanRunFolder(runDir, backEnd.labelTexts);
  const summaryFile = runFile(runDir, 'loadSummary');
  const loadSummary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as LoadSummary) : undefined;
  const judge = (pii: number): Verdict =>
    gate({
      profile: options.profile.name,
      runId,
      targets,
      loadSummary,
      loadExitCode: load.loadExit,
      // Households referred to Medicaid/CHIP end at eligibility: they were never meant to enroll.
      intended:
        options.journeysFile || plan.intendedEnrollments === undefined
          ? undefined
          : plan.intendedEnrollments - (reconciliation ? count - reconciliation.enrollments.intended : 0),
      maxDroppedIterations: plan.maxDroppedJourneys,
      integrity: reconciliation
        ? { confirmed: load.confirmed, received: reconciliation.enrollments.intact, classes: reconciliation.classes }
        : { confirmed: load.confirmed, notChecked: integrityNotCheckedHint(ledgerPath) },
      ...(options.journeysFile ? { confirmationsGated: false } : {}),
      piiFindings: pii,
      ...(faultsJudged
        ? { faults: { given: faultsJudged.judged, idle: faultsJudged.idle.map((f) => f.item), allowIdle: options.allowIdleFaults ?? false } }
        : {}),
      ...(load.nemesisRecord ? { nemesis: nemesisJudgedOf(load.nemesisRecord) } : {}),
    });
  const intactText = reconciliation ? String(reconciliation.enrollments.intact) : `NOT CHECKED in this run: ${integrityNotCheckedHint(ledgerPath)}`;
  const facts = factsOf(ctx, services, load, intactText);
  const writeOutcome = async (outcome: Verdict) => {
    writeFileSync(runFile(runDir, 'verdict'), verdictJson(outcome));
    writeFileSync(runFile(runDir, 'summary'), verdictMarkdown(outcome, facts, runHeadline(runDir, targets)));
    writeFileSync(runFile(runDir, 'junit'), verdictJunit(outcome));
    return writeRunReport(runDir, targets);
  };
  writeFileSync(runFile(runDir, 'run'), runRecordJson(runRecordOf(ctx, services, load)));
  let verdict = judge(piiFindings.length);
  let report = await writeOutcome(verdict);
  const late = await scanRunFolder(runDir, [], { only: [RUN_FILES.verdict, RUN_FILES.summary, RUN_FILES.junit, RUN_FILES.run, RUN_FILES.report] });
  if (late.length > 0) {
    verdict = judge(piiFindings.length + late.length);
    report = await writeOutcome(verdict);
  }
  ctx.phaseDone('report');
  say(
    narration.verdict(
      verdictTable(verdict, runHeadline(runDir, targets)),
      load.confirmed,
      intactText,
      `${relative(PROJECT_ROOT, runDir)}/verdict.json, summary.md, ${relative(runDir, report.file)}`,
    ),
  );
  return verdict;
}
