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
import { concatenateLedgers } from '../../scenarios/consumers/ledger.ts';
import { consumersFor } from './consumers.ts';
import { loadExitCode, runEngineLoad } from './engineLoad.ts';
import { downloadInsurerRecords, injectedFaults, waitForOutboxDrain } from './backEnd.ts';
import { ADMIN_TOKEN_ENV } from '../../mock-exchange/exchange/adminRoutes.ts';
import { newAdminToken, writeExchangeAdmin } from './exchangeAdmin.ts';
import { runLocalShards } from '../shards/localShards.ts';
import { ProcessGroup, stopChildrenOnSignals } from './processes.ts';
import type { Profile } from './profiles/index.ts';
import { createRunFolder, newRunId } from './runFolder.ts';
import { startRunMetrics, type PrometheusMode, type RunMetrics } from './runMetrics.ts';
import { harnessVersion, machineDescription } from './machine.ts';
import { writeRunReport } from '../report/writeRunReport.ts';
import { saveExposition, startService } from './services.ts';
import { prometheusLabelTexts } from '../../scan/prometheusLabels.ts';
import type { ScannedText } from '../../scan/scanRun.ts';

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
  say?: (line: string) => void;
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
  const group = new ProcessGroup();
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
  const phases: Record<string, number> = {};
  let phaseStart = Date.now();
  const phaseDone = (name: string): void => {
    const now = Date.now();
    phases[name] = now - phaseStart;
    phaseStart = now;
  };
  say(`harness run ${profile.name} · run ${runId}\n  results: ${relative(PROJECT_ROOT, runDir) || runDir}`);
  try {
    await writeApplicantsFile({ count, seed: options.seed, planYear: options.planYear, file: runFile(runDir, 'applicants') });
    phaseDone('generate applicants');
    say(`  [1/6] applicants: ${count} synthetic households (seed ${options.seed}, plan year ${options.planYear})`);

    const insurer = await startService(group, {
      name: 'insurer',
      main: 'mock-exchange/insurer/main.ts',
      args: ['--port', '0', '--data-dir', join(runDir, 'insurer'), '--faults', options.faults],
      logFile: runFile(runDir, 'insurerLog'),
      env: childEnv,
    });
    say(`  [2/6] insurer listening on ${insurer.baseUrl}`);
    const exchange = await startService(group, {
      name: 'exchange',
      main: 'mock-exchange/exchange/main.ts',
      args: ['--port', '0', '--data-dir', join(runDir, 'exchange'), '--insurer-url', insurer.baseUrl, '--faults', options.faults, '--waiting-room-capacity', String(options.waitingRoomCapacity ?? 0), '--workers', String(options.exchangeWorkers ?? 1), '--rate-limit', String(plan.exchange?.rateLimitPerMinute ?? 0)],
      logFile: runFile(runDir, 'exchangeLog'),
      env: { ...childEnv, [ADMIN_TOKEN_ENV]: adminToken },
    });
    writeExchangeAdmin(runDir, { url: exchange.baseUrl, token: adminToken });
    say(`  [3/6] exchange listening on ${exchange.baseUrl}`);
    metrics = await startRunMetrics(group, {
      mode: options.prometheus ?? 'auto',
      dataDir: options.prometheusDataDir,
      runDir,
      testid: runId,
      services: { exchange: [`127.0.0.1:${exchange.port}`], insurer: [`127.0.0.1:${insurer.port}`] },
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
        baseUrl: exchange.baseUrl,
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
      const consumers = consumersFor({ profile: profile.name, plan, targets, baseUrl: exchange.baseUrl, applicantsFile: runFile(runDir, 'applicants'), ledgerDir });
      const writer = metrics.remoteWrite ? createRemoteWriter({ url: metrics.remoteWrite.url, testid: runId }) : undefined;
      say(`  [4/6] load engine: ${profile.name}, ${plan.describe}; ${consumers.describe}`);
      const { result } = await runEngineLoad({
        runDir,
        plan: plan.loadPlan,
        journeyModule: consumers.journeyModule,
        journeyOptions: consumers.journeyOptions,
        workers: options.workers,
        say,
        signal: interrupt.signal,
        ...(writer ? { onSecond: (row, totals) => writer.push(row, totals) } : {}),
      });
      if (writer) {
        const pushed = await writer.flush();
        if (pushed.failures > 0) say(`        metrics: ${pushed.failures} remote-write request(s) to Prometheus failed (${pushed.lastError ?? 'no message'})`);
      }
      loadExit = loadExitCode(result.exitReason, result.thresholds.every((t) => t.ok));
      for (const message of result.journeyErrors) say(`        journey error: ${message}`);
      const ledger = await concatenateLedgers(ledgerDir, runFile(runDir, 'ledger'));
      rmSync(ledgerDir, { recursive: true, force: true });
      confirmed = ledger.entries;
      loadDescription = `the harness's engine, ${result.workers} worker thread${result.workers === 1 ? '' : 's'} (${result.exitReason}${result.abortedBy ? `: ${result.abortedBy.metric} ${result.abortedBy.expression}` : ''})`;
    }
    phaseDone('load');

    // Wait past the deadline (twice it) so an enrollment that arrives late is told apart from one that never arrives.
    const drain = await waitForOutboxDrain(exchange.baseUrl, 2 * targets.integrity.deliveryDeadlineSeconds * 1000);
    writeFileSync(runFile(runDir, 'injected'), `${JSON.stringify(await injectedFaults(exchange.baseUrl), null, 2)}\n`);
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

    const reconciliation = await reconcileRunFolder(runDir, targets.integrity.deliveryDeadlineSeconds * 1000);
    phaseDone('reconcile');
    say(`  [6/6] reconcile: ${confirmed} confirmed to consumers, ${reconciliation.intact} received intact by the insurer`);
    await metrics.publishReconciliation({ confirmed, intact: reconciliation.intact, classes: reconciliation.classes });
    const labelTexts: ScannedText[] = metrics.prometheus ? [await prometheusLabelTexts(metrics.prometheus.baseUrl, runId)] : [];
    await metrics.stop();

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
        intended: plan.intendedEnrollments === undefined ? undefined : plan.intendedEnrollments - (count - reconciliation.enrollments.intended),
        maxDroppedIterations: plan.maxDroppedJourneys,
        integrity: { confirmed, received: reconciliation.intact, classes: reconciliation.classes },
        piiFindings: pii,
      });
    const facts: Record<string, string> = {
      'enrollments confirmed by the exchange': String(confirmed),
      'received intact by the insurer': String(reconciliation.intact),
      load: loadDescription,
      'seed': String(options.seed),
      'targets': relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile,
    };
    if (options.faults) facts['fault switches'] = `\`${options.faults}\``;
    facts.metrics = metrics.afterRun;
    const writeOutcome = async (outcome: Verdict) => {
      writeFileSync(runFile(runDir, 'verdict'), `${JSON.stringify(outcome, null, 2)}\n`);
      writeFileSync(runFile(runDir, 'summary'), verdictMarkdown(outcome, facts));
      writeFileSync(runFile(runDir, 'junit'), verdictJunit(outcome));
      return writeRunReport(runDir, targets);
    };
    writeFileSync(
      runFile(runDir, 'run'),
      `${JSON.stringify({ runId, profile: profile.name, targetsFile: relative(PROJECT_ROOT, options.targetsFile) || options.targetsFile, faults: options.faults, seed: options.seed, scale: options.scale, durationSeconds: options.durationSeconds, count, shards, intendedEnrollments: plan.intendedEnrollments ?? null, maxDroppedIterations: plan.maxDroppedJourneys ?? null, plan: plan.loadPlan, planYear: options.planYear, startedAt, finishedAt: new Date(), load: 'harness engine', loadExitCode: loadExit, interrupted: interrupt.signal.aborted, node: process.version, harness: harnessVersion(), machine: machineDescription(), metrics: { description: metrics.description, testid: runId, prometheusDir: metrics.prometheus ? 'prometheus' : null, dataDir: metrics.prometheus && options.prometheusDataDir ? options.prometheusDataDir : null } }, null, 2)}\n`,
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
    say(`\n${verdictTable(verdict)}\n  enrollments confirmed by the exchange: ${confirmed}; received intact by the insurer: ${reconciliation.intact}\n  details: ${relative(PROJECT_ROOT, runDir)}/verdict.json, summary.md, ${relative(runDir, report.file)}`);
    phases.total = Date.now() - startedAt.getTime();
    return { runDir, verdict, phases, interrupted: interrupt.signal.aborted };
  } finally {
    await group.stopAll();
    await metrics?.stop();
    removeSignalHandlers();
  }
}
