// `harness run <profile>` end to end, as named phases: applicants → services (insurer, exchange, metrics) → load →
// drain the 834 outbox and reconcile → judge and report. Each phase is a module of phases/ taking the run's context
// and returning typed values; what the terminal is told is worded in narration.ts. Every child process is tracked
// and stopped however the run ends.

import { relative } from 'node:path';
import { writeApplicantsFile } from '../../applicants/writeFile.ts';
import type { Verdict } from '../../verdict/verdict.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { newAdminToken } from './exchangeAdmin.ts';
import { narration } from './narration.ts';
import type { NemesisItem } from './nemesis/spec.ts';
import { drainAndReconcile } from './phases/backEnd.ts';
import { phaseClock, type RunContext } from './phases/context.ts';
import { judgeAndReport } from './phases/judge.ts';
import { runLoad } from './phases/load.ts';
import { startRunServices, type RunServices } from './phases/services.ts';
import { ProcessGroup, stopChildrenOnSignals } from './processes.ts';
import type { Profile } from './profiles/index.ts';
import { createRunFolder, newRunId } from './runFolder.ts';
import type { PrometheusMode } from './runMetrics.ts';
import type { PlanYear } from '../../vocabulary/planYear.ts';

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
  planYear: PlanYear;
  /** Fault switches for the exchange, its back end and the insurer (validated by the caller), '' for none. */
  faults: string;
  /** --allow-idle-faults: a fault switch that affected nothing does not fail the run (it is still reported). */
  allowIdleFaults?: boolean;
  /** Active sessions the exchange's waiting room admits; 0 (the default) runs with no waiting room. */
  waitingRoomCapacity?: number;
  /** HTTP worker processes of the mock exchange (node:cluster); default 1. */
  exchangeWorkers?: number;
  /** scrypt's N for the mock exchange's account passwords (mock-exchange/exchange/passwords.ts); default its DEFAULT_SCRYPT_COST. */
  passwordCost?: number;
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
  const group = new ProcessGroup({ ownProcessGroups: true }); // a terminal's Ctrl-C must not stop the services mid-run
  // The first Ctrl-C stops the load gracefully and the run goes on to drain, reconcile and judge what ran; a second
  // one (or one outside the load) stops every child at once.
  const interrupt = new AbortController();
  const removeSignalHandlers = stopChildrenOnSignals(group, say, { first: interrupt });
  const plan = profile.plan({ targets, scale: options.scale, durationSeconds: options.durationSeconds });
  const phases: Record<string, number> = {};
  const ctx: RunContext = {
    options,
    say,
    runId,
    runDir,
    group,
    childEnv: { HARNESS_RUN_ID: runId },
    adminToken: newAdminToken(),
    plan,
    count: plan.applicants,
    startedAt: new Date(),
    interrupt,
    phases,
    phaseDone: phaseClock(phases),
  };
  let services: RunServices | undefined;
  say(narration.start(profile.name, runId, relative(PROJECT_ROOT, runDir) || runDir));
  try {
    await options.onRunFolder?.({ runDir, runId });
    await writeApplicantsFile({ count: ctx.count, seed: options.seed, planYear: options.planYear, file: runFile(runDir, 'applicants') });
    ctx.phaseDone('generate applicants');
    say(narration.applicants(ctx.count, options.seed, options.planYear));

    services = await startRunServices(ctx);
    ctx.phaseDone('start services');

    const load = await runLoad(ctx, services);
    ctx.phaseDone('load');

    // As the user would type it: relative to the project when the run folder is in it, else absolute.
    const ledgerRelative = relative(PROJECT_ROOT, runFile(runDir, 'ledger'));
    const ledgerPath = ledgerRelative && !ledgerRelative.startsWith('..') ? ledgerRelative : runFile(runDir, 'ledger');
    const backEnd = await drainAndReconcile(ctx, services, load, ledgerPath);
    const verdict = await judgeAndReport(ctx, services, load, backEnd, ledgerPath);
    phases.total = Date.now() - ctx.startedAt.getTime();
    return { runDir, verdict, phases, interrupted: interrupt.signal.aborted };
  } finally {
    await ctx.nemesis?.stop().catch(() => undefined); // resumes a paused service, so the group can stop it
    await group.stopAll();
    await services?.metrics.stop();
    removeSignalHandlers();
  }
}
