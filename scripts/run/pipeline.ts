// `harness run <profile>` end to end: applicants → insurer → exchange → load engine → 834 drain → reconcile → verdict.
// Every child process is tracked and stopped however the run ends.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import { reconcileRunFolder } from '../../reconcile/runFolder.ts';
import { scanRunFolder } from '../../scan/scanRun.ts';
import { gate } from '../../verdict/gate.ts';
import type { LoadSummary } from '../../verdict/loadSummary.ts';
import { verdictMarkdown, verdictTable } from '../../verdict/render.ts';
import { verdictJunit } from '../../analysis/junit.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { RUN_FILES, runFile } from '../runFiles.ts';
import type { Targets } from '../targets/schema.ts';
import { createRemoteWriter } from '../../engine/prometheus/remoteWriter.ts';
import { concatenateLedgers, segmentLedgers } from '../../scenarios/consumers/ledger.ts';
import { consumersFor } from './consumers.ts';
import { loadExitCode, runEngineLoad } from './engineLoad.ts';
import { idleFaults, parseFaultSpec } from '../../mock-exchange/faults/index.ts';
import { downloadInsurerRecords, injectedFaults, insurerInjectedFaults, pendingAtCutOff, waitForOutboxDrain } from './backEnd.ts';
import { ADMIN_TOKEN_ENV } from '../../mock-exchange/exchange/adminRoutes.ts';
import { newAdminToken, writeExchangeAdmin } from './exchangeAdmin.ts';
import { runLocalShards } from '../shards/localShards.ts';
import { ProcessGroup, stopChildrenOnSignals } from './processes.ts';
import type { Profile } from './profiles/index.ts';
import { createRunFolder, newRunId } from './runFolder.ts';
import { startRunMetrics, type PrometheusMode, type RunMetrics } from './runMetrics.ts';
import { harnessVersion, machineDescription } from './machine.ts';
import { writeRunReport } from '../report/writeRunReport.ts';
import { runHeadline } from '../analysis/runHeadline.ts';
import { saveExposition, startService, type RunningService } from './services.ts';
import { integrityNotCheckedHint } from './externalTarget.ts';
import { prometheusLabelTexts } from '../../scan/prometheusLabels.ts';
import type { ScannedText } from '../../scan/scanRun.ts';
import { plannedSeconds } from '../../engine/plan.ts';
import { startNemesis, type RunningNemesis } from './nemesis/nemesis.ts';
import { nemesisJudgedOf, writeNemesisRecord, type NemesisRecord } from './nemesis/record.ts';
import { nemesisSpecText, type NemesisItem } from './nemesis/spec.ts';
import { runRecordJson } from '../../vocabulary/runRecord.ts';

export interface RunOptions {
  profile: Profile;
  targets: Targets;
  targetsFile: string;
  resultsDir: string;
  seed: number;
  /** Multiplies the profile's load. */
  scale: number;
  /** --duration in seconds, when given: the profile spreads its stages over it. */
  durationSeconds?: number;
  planYear: 2025 | 2026;
  /** Fault switches for the exchange, its back end and the insurer (validated by the caller), '' for none. */
  faults: string;
  /** --allow-idle-faults: a fault switch that affected nothing does not fail the run (it is still reported). */
  allowIdleFaults?: boolean;
  /** Active sessions the exchange's waiting room admits; 0 (the default) runs with no waiting room. */
  waitingRoomCapacity?: number;
  /** HTTP worker processes of the mock exchange (node:cluster); default 1. */
  exchangeWorkers?: number;
  /** Where metrics go: the run's own Prometheus (auto/own), none (off), or an existing Prometheus's URL. */
  prometheus?: PrometheusMode;
  /** The TSDB folder of the run's own Prometheus, when not the run folder's prometheus/data. */
  prometheusDataDir?: string;
  /** Shards the test is split across (N engine processes on this machine, started together), judged on the aggregate; default 1. */
  shards?: number;
  /** Worker threads of the load engine (default: the machine's cores). */
  workers?: number;
  /**
   * An exchange already running at this URL (`run --base-url`, checked by the caller): no mock exchange or insurer is
   * started, so the insurer's side cannot be read and integrity is not checked in the run (`harness reconcile --ledger
   * --edi` checks it afterwards against the back end's 834 files).
   */
  baseUrl?: string;
  /**
   * Process faults during the load (`run --nemesis`, parsed and checked by the caller: never with --base-url or
   * --shards): kills with restarts on the same port and data folder, pauses; recorded in nemesis.json.
   */
  nemesis?: readonly NemesisItem[];
  /** A user's own journey module (`run --journeys`, checked by ownJourneys.ts) instead of the profile's consumers. */
  journeysFile?: string;
  say?: (line: string) => void;
  /** Called once the run folder exists, before anything starts (`--watch` serves its live page from it). */
  onRunFolder?: (run: { runDir: string; runId: string }) => Promise<void> | void;
}

export interface RunOutcome {
  runDir: string;
  verdict: Verdict;
  /** Ctrl-C or SIGTERM stopped the load early; what ran was still drained, reconciled and judged. */
  interrupted: boolean;
  /** Wall time of each phase in milliseconds, for `npm run bench`. */
  phases: Record<string, number>;
}

export async function runProfile(options: RunOptions): Promise<RunOutcome> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { profile, targets } = options;
  const runId = newRunId(profile.name);
  const runDir = createRunFolder(options.resultsDir, runId);
  const shards = options.shards ?? 1;
  const group = new ProcessGroup({ ownProcessGroups: true }); // a terminal's Ctrl-C must not stop the services mid-run
  // The first Ctrl-C stops the load gracefully and the run goes on to drain, reconcile and judge what ran; a second
  // one (or one outside the load) stops every child at once.
  const interrupt = new AbortController();
  const removeSignalHandlers = stopChildrenOnSignals(group, say, { first: interrupt });
  const childEnv = { HARNESS_RUN_ID: runId };
  const adminToken = newAdminToken();
  const plan = profile.plan({ targets, scale: options.scale, durationSeconds: options.durationSeconds });
  const count = plan.applicants;
  const startedAt = new Date();
  let metrics: RunMetrics | undefined;
  let nemesis: RunningNemesis | undefined;
  let nemesisRecord: NemesisRecord | undefined;
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phaseDone = (name: string): void => {
    const now = Date.now();
    phases[name] = now - phaseStart;
    phaseStart = now;
  };
  say(`harness run ${profile.name} · run ${runId}\n  results: ${relative(PROJECT_ROOT, runDir) || runDir}`);
  try {
    await options.onRunFolder?.({ runDir, runId });
    await writeApplicantsFile({ count, seed: options.seed, planYear: options.planYear, file: runFile(runDir, 'applicants') });
    phaseDone('generate applicants');
    say(`  [1/6] applicants: ${count} synthetic households (seed ${options.seed}, plan year ${options.planYear})`);

    const external = options.baseUrl !== undefined;
    let insurer: RunningService | undefined;
    let exchange: RunningService | undefined;
    if (external) {
      say(`  [2/6] insurer: none started — the exchange under test sends its 834s to its own back end`);
      say(`  [3/6] exchange: ${options.baseUrl} (--base-url; not started by the harness)`);
    } else {
      insurer = await startService(group, {
        name: 'insurer',
        main: 'mock-exchange/insurer/main.ts',
        args: ['--port', '0', '--data-dir', join(runDir, 'insurer'), '--faults', options.faults, '--edi-dir', runFile(runDir, 'insurerEdi')],
        logFile: runFile(runDir, 'insurerLog'),
        env: childEnv,
      });
      say(`  [2/6] insurer listening on ${insurer.baseUrl}`);
      exchange = await startService(group, {
        name: 'exchange',
        main: 'mock-exchange/exchange/main.ts',
        args: ['--port', '0', '--data-dir', join(runDir, 'exchange'), '--insurer-url', insurer.baseUrl, '--faults', options.faults, '--waiting-room-capacity', String(options.waitingRoomCapacity ?? 0), '--workers', String(options.exchangeWorkers ?? 1), '--rate-limit', String(plan.exchange?.rateLimitPerMinute ?? 0)],
        logFile: runFile(runDir, 'exchangeLog'),
        env: { ...childEnv, [ADMIN_TOKEN_ENV]: adminToken },
      });
      writeExchangeAdmin(runDir, { url: exchange.baseUrl, token: adminToken });
      say(`  [3/6] exchange listening on ${exchange.baseUrl}`);
    }
    const exchangeUrl = exchange?.baseUrl ?? options.baseUrl!;
    metrics = await startRunMetrics(group, {
      mode: options.prometheus ?? 'auto',
      dataDir: options.prometheusDataDir,
      runDir,
      testid: runId,
      // An exchange the harness did not start is not scraped: its /metrics, if any, is not the mock's.
      services: exchange && insurer ? { exchange: [`127.0.0.1:${exchange.port}`], insurer: [`127.0.0.1:${insurer.port}`] } : { exchange: [], insurer: [] },
      targets,
      logFile: runFile(runDir, 'prometheusLog'),
    });
    say(`        metrics: ${metrics.description}`);
    phaseDone('start services');

    let loadExit: number;
    let confirmed: number;
    let loadDescription: string;
    if (shards > 1) {
      const outcome = await runLocalShards(group, {
        runDir,
        runId,
        profile: profile.name,
        shards,
        baseUrl: exchangeUrl,
        targetsFile: options.targetsFile,
        seed: options.seed,
        scale: options.scale,
        durationSeconds: options.durationSeconds,
        planYear: options.planYear,
        prometheusUrl: metrics.remoteWrite?.url.replace(/api\/v1\/write$/, ''),
        workers: options.workers,
        plan: plan.loadPlan,
        say,
        signal: interrupt.signal,
        env: childEnv,
      });
      loadExit = outcome.exitCode;
      confirmed = outcome.confirmed;
      loadDescription = `the harness's engine, ${shards} shards judged on the aggregate (${outcome.exitReason})`;
    } else {
      const ledgerDir = runFile(runDir, 'ledgerParts');
      mkdirSync(ledgerDir, { recursive: true });
      const consumers = consumersFor({ profile: profile.name, plan, targets, baseUrl: exchangeUrl, applicantsFile: runFile(runDir, 'applicants'), ledgerDir, journeysFile: options.journeysFile });
      const writer = metrics.remoteWrite ? createRemoteWriter({ url: metrics.remoteWrite.url, testid: runId }) : undefined;
      say(`  [4/6] load engine: ${profile.name}, ${plan.describe}; ${consumers.describe}`);
      const nemesisItems = options.nemesis ?? [];
      if (nemesisItems.length > 0) say(`        nemesis: ${nemesisSpecText(nemesisItems)} (times from the load's first second)`);
      // The nemesis's clock starts with the load's first second, not with the engine's workers getting ready.
      const services = exchange && insurer && nemesisItems.length > 0 ? { exchange, insurer } : undefined;
      const startNemesisAt = (row: { second: number }): void => {
        if (!services || nemesis) return;
        nemesis = startNemesis({ items: nemesisItems, horizonMs: plannedSeconds(plan.loadPlan.executor) * 1000, services, group, say, startedMs: row.second * 1000, onEvent: (kind, active) => metrics?.nemesisEvent(kind, active) });
      };
      let load: Awaited<ReturnType<typeof runEngineLoad>>;
      try {
        load = await runEngineLoad({
          runDir,
          plan: plan.loadPlan,
          journeyModule: consumers.journeyModule,
          journeyOptions: consumers.journeyOptions,
          workers: options.workers,
          say,
          signal: interrupt.signal,
          onSecond: (row, totals) => {
            startNemesisAt(row);
            writer?.push(row, totals);
          },
        });
      } finally {
        // Every service is up again (restarted or resumed) before anything reads it: the drain waits for a restarted exchange.
        const outcome = await (nemesis as RunningNemesis | undefined)?.stop();
        if (outcome) {
          nemesisRecord = writeNemesisRecord(runDir, outcome);
          say(`        nemesis: ${outcome.events.length} event(s); ${nemesisRecord.during.failed} of ${nemesisRecord.during.requests} requests failed during their windows, ${nemesisRecord.outside.failed} of ${nemesisRecord.outside.requests} outside (${RUN_FILES.nemesis})`);
        } else if (services) {
          nemesisRecord = writeNemesisRecord(runDir, { spec: nemesisSpecText(nemesisItems), startedAt: new Date().toISOString(), events: [], notReached: nemesisItems.map((i) => ({ kind: i.kind, atMs: i.atMs ?? i.everyMs!, holdMs: i.holdMs, once: i.atMs !== undefined })) });
        }
      }
      const { result } = load;
      if (writer) {
        const pushed = await writer.flush();
        if (pushed.failures > 0) say(`        metrics: ${pushed.failures} remote-write request(s) to Prometheus failed (${pushed.lastError ?? 'no message'})`);
      }
      loadExit = loadExitCode(result.exitReason, result.thresholds.every((t) => t.ok));
      for (const message of result.journeyErrors) say(`        journey error: ${message}`);
      // Own journeys that enroll nobody write no ledger: an empty one, not an error (the project's always write one).
      const noLedger = options.journeysFile !== undefined && segmentLedgers(ledgerDir).length === 0;
      if (noLedger) {
        writeFileSync(runFile(runDir, 'ledger'), '');
        say('        ledger: your journeys recorded no confirmation (docs/journeys.md: how a journey that enrolls records one)');
      }
      confirmed = noLedger ? 0 : (await concatenateLedgers(ledgerDir, runFile(runDir, 'ledger'))).entries;
      rmSync(ledgerDir, { recursive: true, force: true });
      loadDescription = `the harness's engine, ${result.workers} worker thread${result.workers === 1 ? '' : 's'} (${result.exitReason}${result.abortedBy ? `: ${result.abortedBy.metric} ${result.abortedBy.expression}` : ''})`;
    }
    phaseDone('load');

    let reconciliation: Awaited<ReturnType<typeof reconcileRunFolder>> | undefined;
    let labelTexts: ScannedText[] = [];
    let faultsJudged: ReturnType<typeof idleFaults> | undefined;
    // As the user would type it: relative to the project when the run folder is in it, else absolute.
    const ledgerRelative = relative(PROJECT_ROOT, runFile(runDir, 'ledger'));
    const ledgerPath = ledgerRelative && !ledgerRelative.startsWith('..') ? ledgerRelative : runFile(runDir, 'ledger');
    if (exchange && insurer) {
      // Wait past the deadline (twice it) so an enrollment that arrives late is told apart from one that never arrives.
      const drain = await waitForOutboxDrain(exchange.baseUrl, 2 * targets.integrity.deliveryDeadlineSeconds * 1000);
      const injected = { ...(await injectedFaults(exchange.baseUrl)), ...(await insurerInjectedFaults(insurer.baseUrl)) };
      faultsJudged = idleFaults(parseFaultSpec(options.faults), injected);
      writeFileSync(runFile(runDir, 'injected'), `${JSON.stringify(injected, null, 2)}\n`);
      writeFileSync(runFile(runDir, 'pendingAtCutOff'), `${JSON.stringify(await pendingAtCutOff(exchange.baseUrl, drain.waitedMs), null, 2)}\n`);
      say(
        `  [5/6] back end: ${drain.drained ? 'outbox drained' : 'outbox NOT drained'} in ${(drain.waitedMs / 1000).toFixed(1)} s ` +
          `(${drain.status.delivered} delivered, ${drain.status.rejected} rejected, ${drain.status.pending} pending)`,
      );
      await downloadInsurerRecords(insurer.baseUrl, runFile(runDir, 'insurerRecords'));
      await metrics.lastScrape();
      await metrics.exportExchangeSeries({ resources: runFile(runDir, 'exchangeMetrics'), queues: runFile(runDir, 'exchangeQueues') }, startedAt);
      phaseDone('drain 834 outbox');
      await Promise.all([saveExposition(exchange, runFile(runDir, 'exchangeExposition')), saveExposition(insurer, runFile(runDir, 'insurerExposition'))]);
      await Promise.all([exchange.process.stop(), insurer.process.stop()]);
      phaseDone('stop services');

      reconciliation = await reconcileRunFolder(runDir, targets.integrity.deliveryDeadlineSeconds * 1000);
      phaseDone('reconcile');
      say(`  [6/6] reconcile: ${confirmed} confirmed to consumers, ${reconciliation.intact} received intact by the insurer`);
      await metrics.publishReconciliation({ confirmed, intact: reconciliation.intact, classes: reconciliation.classes });
      labelTexts = metrics.prometheus ? [await prometheusLabelTexts(metrics.prometheus.baseUrl, runId)] : [];
      await metrics.stop();
    } else {
      phaseDone('drain 834 outbox');
      say(`  [5/6] back end: not observed — the insurer's side of ${options.baseUrl} is not the harness's to read`);
      say(`  [6/6] reconcile: NOT CHECKED in this run — ${confirmed} confirmed to consumers (ledger ${ledgerPath}); ${integrityNotCheckedHint(ledgerPath)}`);
      await metrics.stop();
    }
    const piiFindings = await scanRunFolder(runDir, labelTexts);
    const summaryFile = runFile(runDir, 'loadSummary');
    const loadSummary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as LoadSummary) : undefined;
    const judge = (pii: number): Verdict =>
      gate({
        profile: profile.name,
        runId,
        targets,
        loadSummary,
        loadExitCode: loadExit,
        // Households referred to Medicaid/CHIP end at eligibility: they were never meant to enroll.
        intended: options.journeysFile || plan.intendedEnrollments === undefined ? undefined : plan.intendedEnrollments - (reconciliation ? count - reconciliation.enrollments.intended : 0),
        maxDroppedIterations: plan.maxDroppedJourneys,
        integrity: reconciliation ? { confirmed, received: reconciliation.intact, classes: reconciliation.classes } : { confirmed, notChecked: integrityNotCheckedHint(ledgerPath) },
        ...(options.journeysFile ? { confirmationsGated: false } : {}),
        piiFindings: pii,
        ...(faultsJudged ? { faults: { given: faultsJudged.judged, idle: faultsJudged.idle.map((f) => f.item), allowIdle: options.allowIdleFaults ?? false } } : {}),
        ...(nemesisRecord ? { nemesis: nemesisJudgedOf(nemesisRecord) } : {}),
      });
    const intactText = reconciliation ? String(reconciliation.intact) : `NOT CHECKED in this run: ${integrityNotCheckedHint(ledgerPath)}`;
    const facts: Record<string, string> = {
      'enrollments confirmed by the exchange': String(confirmed),
      'received intact by the insurer': intactText,
      ...(options.baseUrl ? { 'exchange under test': `${options.baseUrl} (--base-url)` } : {}),
      ...(options.journeysFile ? { journeys: `\`${relative(PROJECT_ROOT, options.journeysFile) || options.journeysFile}\` (--journeys)` } : {}),
      load: loadDescription,
      'seed': String(options.seed),
      'targets': relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile,
    };
    if (options.faults) facts['fault switches'] = `\`${options.faults}\``;
    if (nemesisRecord) {
      facts.nemesis =
        `\`${nemesisRecord.spec}\`: ${nemesisRecord.events.length} event(s) (${RUN_FILES.nemesis}); ${nemesisRecord.during.failed} of ${nemesisRecord.during.requests} requests failed during their windows (counted, not judged), ` +
        `${nemesisRecord.outside.failed} of ${nemesisRecord.outside.requests} outside them (judged against the error-rate SLO); latency and the other availability checks are not judged under a nemesis, integrity is`;
    }
    facts.metrics = metrics.afterRun;
    const writeOutcome = async (outcome: Verdict) => {
      writeFileSync(runFile(runDir, 'verdict'), `${JSON.stringify(outcome, null, 2)}\n`);
      writeFileSync(runFile(runDir, 'summary'), verdictMarkdown(outcome, facts, runHeadline(runDir, targets)));
      writeFileSync(runFile(runDir, 'junit'), verdictJunit(outcome));
      return writeRunReport(runDir, targets);
    };
    writeFileSync(
      runFile(runDir, 'run'),
      runRecordJson({ runId, profile: profile.name, targetsFile: relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile, faults: options.faults, ...(nemesisRecord ? { nemesis: nemesisRecord.spec } : {}), seed: options.seed, scale: options.scale, durationSeconds: options.durationSeconds, count, shards, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), ...(options.journeysFile ? { journeys: options.journeysFile } : {}), thinkTimeSeconds: plan.thinkTimeSeconds, intendedEnrollments: options.journeysFile ? null : (plan.intendedEnrollments ?? null), maxDroppedIterations: plan.maxDroppedJourneys ?? null, plan: plan.loadPlan, planYear: options.planYear, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), load: 'harness engine', loadExitCode: loadExit, interrupted: interrupt.signal.aborted, node: process.version, harness: harnessVersion(), machine: machineDescription(), metrics: { description: metrics.description, testid: runId, prometheusDir: metrics.prometheus ? 'prometheus' : null, dataDir: metrics.prometheus && options.prometheusDataDir ? options.prometheusDataDir : null } }),
    );
    let verdict = judge(piiFindings.length);
    let report = await writeOutcome(verdict);
    // The files written from the verdict (summary, JUnit, run.json, the report) come after the scan: scan them too, and a leak there
    // fails the run after all.
    const late = await scanRunFolder(runDir, [], { only: [RUN_FILES.verdict, RUN_FILES.summary, RUN_FILES.junit, RUN_FILES.run, RUN_FILES.report] });
    if (late.length > 0) {
      verdict = judge(piiFindings.length + late.length);
      report = await writeOutcome(verdict);
    }
    phaseDone('report');
    say(`\n${verdictTable(verdict, runHeadline(runDir, targets))}\n  enrollments confirmed by the exchange: ${confirmed}; received intact by the insurer: ${intactText}\n  details: ${relative(PROJECT_ROOT, runDir)}/verdict.json, summary.md, ${relative(runDir, report.file)}`);
    phases.total = Date.now() - startedAt.getTime();
    return { runDir, verdict, phases, interrupted: interrupt.signal.aborted };
  } finally {
    await (nemesis as RunningNemesis | undefined)?.stop().catch(() => undefined); // resumes a paused service, so the group can stop it
    await group.stopAll();
    await metrics?.stop();
    removeSignalHandlers();
  }
}
