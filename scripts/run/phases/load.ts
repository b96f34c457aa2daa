// Phase "load": the engine runs the profile's plan (in this process, or in N shard processes), with the nemesis's
// process faults when asked; the workers' ledgers are joined into ledger.ndjson.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { plannedSeconds } from '../../../engine/plan.ts';
import { createRemoteWriter } from '../../../engine/prometheus/remoteWriter.ts';
import { concatenateLedgers, segmentLedgers } from '../../../scenarios/consumers/ledger.ts';
import { runFile } from '../../../vocabulary/runFiles.ts';
import { runLocalShards } from '../../shards/localShards.ts';
import { consumersFor } from '../consumers.ts';
import { loadExitCode, runEngineLoad } from '../engineLoad.ts';
import { narration } from '../narration.ts';
import { startNemesis } from '../nemesis/nemesis.ts';
import { writeNemesisRecord, type NemesisRecord } from '../nemesis/record.ts';
import { nemesisSpecText } from '../nemesis/spec.ts';
import type { RunContext } from './context.ts';
import type { RunServices } from './services.ts';

export interface LoadOutcome {
  /** The load's exit code (engine/summary.ts: 0, a threshold crossed, aborted, interrupted). */
  loadExit: number;
  /** Confirmations the consumers were given (entries of ledger.ndjson). */
  confirmed: number;
  /** How the load ran, for summary.md. */
  loadDescription: string;
  /** nemesis.json as written, when the run had a nemesis. */
  nemesisRecord?: NemesisRecord;
}

async function runShards(ctx: RunContext, services: RunServices): Promise<LoadOutcome> {
  const { options, runDir, runId, plan, say } = ctx;
  const shards = options.shards ?? 1;
  const outcome = await runLocalShards(ctx.group, {
    runDir,
    runId,
    profile: options.profile.name,
    shards,
    baseUrl: services.exchangeUrl,
    targetsFile: options.targetsFile,
    seed: options.seed,
    scale: options.scale,
    durationSeconds: options.durationSeconds,
    planYear: options.planYear,
    prometheusUrl: services.metrics.remoteWrite?.url.replace(/api\/v1\/write$/, ''),
    workers: options.workers,
    plan: plan.loadPlan,
    say,
    signal: ctx.interrupt.signal,
    env: ctx.childEnv,
  });
  return {
    loadExit: outcome.exitCode,
    confirmed: outcome.confirmed,
    loadDescription: `the harness's engine, ${shards} shards judged on the aggregate (${outcome.exitReason})`,
  };
}

async function runInProcess(ctx: RunContext, services: RunServices): Promise<LoadOutcome> {
  const { options, runDir, runId, plan, say } = ctx;
  const { metrics, mock } = services;
  const ledgerDir = runFile(runDir, 'ledgerParts');
  mkdirSync(ledgerDir, { recursive: true });
  const consumers = consumersFor({
    profile: options.profile.name,
    plan,
    targets: options.targets,
    baseUrl: services.exchangeUrl,
    applicantsFile: runFile(runDir, 'applicants'),
    ledgerDir,
    journeysFile: options.journeysFile,
  });
  const writer = metrics.remoteWrite ? createRemoteWriter({ url: metrics.remoteWrite.url, testid: runId }) : undefined;
  say(narration.load(options.profile.name, plan.describe, consumers.describe));
  const nemesisItems = options.nemesis ?? [];
  if (nemesisItems.length > 0) say(narration.nemesisPlanned(nemesisSpecText(nemesisItems)));
  // The nemesis's clock starts with the load's first second, not with the engine's workers getting ready.
  const nemesisServices = mock && nemesisItems.length > 0 ? mock : undefined;
  const startNemesisAt = (row: { second: number }): void => {
    if (!nemesisServices || ctx.nemesis) return;
    ctx.nemesis = startNemesis({
      items: nemesisItems,
      horizonMs: plannedSeconds(plan.loadPlan.executor) * 1000,
      services: nemesisServices,
      group: ctx.group,
      say,
      startedMs: row.second * 1000,
      onEvent: (kind, active) => metrics.nemesisEvent(kind, active),
    });
  };
  let load: Awaited<ReturnType<typeof runEngineLoad>>;
  let nemesisRecord: NemesisRecord | undefined;
  try {
    load = await runEngineLoad({
      runDir,
      plan: plan.loadPlan,
      journeyModule: consumers.journeyModule,
      journeyOptions: consumers.journeyOptions,
      workers: options.workers,
      say,
      signal: ctx.interrupt.signal,
      onSecond: (row, totals) => {
        startNemesisAt(row);
        writer?.push(row, totals);
      },
    });
  } finally {
    // Every service is up again (restarted or resumed) before anything reads it: the drain waits for a restarted exchange.
    const outcome = await ctx.nemesis?.stop();
    if (outcome) {
      nemesisRecord = writeNemesisRecord(runDir, outcome);
      say(narration.nemesisOutcome(outcome.events.length, nemesisRecord));
    } else if (nemesisServices) {
      nemesisRecord = writeNemesisRecord(runDir, {
        spec: nemesisSpecText(nemesisItems),
        startedAt: new Date().toISOString(),
        events: [],
        notReached: nemesisItems.map((i) => ({ kind: i.kind, atMs: i.atMs ?? i.everyMs!, holdMs: i.holdMs, once: i.atMs !== undefined })),
      });
    }
  }
  const { result } = load;
  if (writer) {
    const pushed = await writer.flush();
    if (pushed.failures > 0) say(narration.remoteWriteFailures(pushed.failures, pushed.lastError));
  }
  for (const message of result.journeyErrors) say(narration.journeyError(message));
  // Own journeys that enroll nobody write no ledger: an empty one, not an error (the project's always write one).
  const noLedger = options.journeysFile !== undefined && segmentLedgers(ledgerDir).length === 0;
  if (noLedger) {
    writeFileSync(runFile(runDir, 'ledger'), '');
    say(narration.noLedger());
  }
  const confirmed = noLedger ? 0 : (await concatenateLedgers(ledgerDir, runFile(runDir, 'ledger'))).entries;
  rmSync(ledgerDir, { recursive: true, force: true });
  return {
    loadExit: loadExitCode(
      result.exitReason,
      result.thresholds.every((t) => t.ok),
    ),
    confirmed,
    loadDescription: `the harness's engine, ${result.workers} worker thread${result.workers === 1 ? '' : 's'} (${result.exitReason}${result.abortedBy ? `: ${result.abortedBy.metric} ${result.abortedBy.expression}` : ''})`,
    ...(nemesisRecord ? { nemesisRecord } : {}),
  };
}

export function runLoad(ctx: RunContext, services: RunServices): Promise<LoadOutcome> {
  return (ctx.options.shards ?? 1) > 1 ? runShards(ctx, services) : runInProcess(ctx, services);
}
