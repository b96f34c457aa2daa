// Phases "drain 834 outbox", "stop services" and "reconcile": wait for the exchange's outbox (past the delivery
// deadline), record what the fault switches did, take the insurer's records, stop the services, and reconcile what
// consumers were told against what the insurer received. With --base-url there is no back end of ours to read.

import { writeFileSync } from 'node:fs';
import { idleFaults, parseFaultSpec } from '../../../mock-exchange/faults/index.ts';
import { reconcileRunFolder, type RunReconciliation } from '../../../reconcile/runFolder.ts';
import { prometheusLabelTexts } from '../../../scan/prometheusLabels.ts';
import type { ScannedText } from '../../../scan/scanRun.ts';
import { runFile } from '../../../vocabulary/runFiles.ts';
import { downloadInsurerRecords, injectedFaults, insurerInjectedFaults, pendingAtCutOff, waitForOutboxDrain } from '../backEnd.ts';
import { integrityNotCheckedHint } from '../externalTarget.ts';
import { narration } from '../narration.ts';
import { saveExposition } from '../services.ts';
import type { RunContext } from './context.ts';
import type { LoadOutcome } from './load.ts';
import type { RunServices } from './services.ts';

export interface BackEndOutcome {
  /** reconciliation.json, when the run's back end was the harness's to read. */
  reconciliation?: RunReconciliation;
  /** The fault switches given and those that affected nothing. */
  faultsJudged?: ReturnType<typeof idleFaults>;
  /** The run's Prometheus label values, for the PII scan. */
  labelTexts: ScannedText[];
}

export async function drainAndReconcile(ctx: RunContext, services: RunServices, load: LoadOutcome, ledgerPath: string): Promise<BackEndOutcome> {
  const { options, runDir, runId, say, phaseDone } = ctx;
  const { mock, metrics } = services;
  if (!mock) {
    phaseDone('drain 834 outbox');
    say(narration.backEndNotObserved(options.baseUrl));
    say(narration.notReconciled(load.confirmed, ledgerPath, integrityNotCheckedHint(ledgerPath)));
    await metrics.stop();
    return { labelTexts: [] };
  }
  const { exchange, insurer } = mock;
  const deadlineSeconds = options.targets.integrity.deliveryDeadlineSeconds;
  // Wait past the deadline (twice it) so an enrollment that arrives late is told apart from one that never arrives.
  const drain = await waitForOutboxDrain(exchange.baseUrl, 2 * deadlineSeconds * 1000);
  const injected = { ...(await injectedFaults(exchange.baseUrl)), ...(await insurerInjectedFaults(insurer.baseUrl)) };
  const faultsJudged = idleFaults(parseFaultSpec(options.faults), injected);
  writeFileSync(runFile(runDir, 'injected'), `${JSON.stringify(injected, null, 2)}\n`);
  writeFileSync(runFile(runDir, 'pendingAtCutOff'), `${JSON.stringify(await pendingAtCutOff(exchange.baseUrl, drain.waitedMs), null, 2)}\n`);
  say(narration.drained(drain.drained, drain.waitedMs, drain.status));
  await downloadInsurerRecords(insurer.baseUrl, runFile(runDir, 'insurerRecords'));
  await metrics.lastScrape();
  await metrics.exportExchangeSeries({ resources: runFile(runDir, 'exchangeMetrics'), queues: runFile(runDir, 'exchangeQueues') }, ctx.startedAt);
  phaseDone('drain 834 outbox');
  await Promise.all([saveExposition(exchange, runFile(runDir, 'exchangeExposition')), saveExposition(insurer, runFile(runDir, 'insurerExposition'))]);
  await Promise.all([exchange.process.stop(), insurer.process.stop()]);
  phaseDone('stop services');

  const reconciliation = await reconcileRunFolder(runDir, deadlineSeconds * 1000);
  phaseDone('reconcile');
  say(narration.reconciled(load.confirmed, reconciliation.enrollments.intact));
  await metrics.publishReconciliation({ confirmed: load.confirmed, intact: reconciliation.enrollments.intact, classes: reconciliation.classes });
  const labelTexts = metrics.prometheus ? [await prometheusLabelTexts(metrics.prometheus.baseUrl, runId)] : [];
  await metrics.stop();
  return { reconciliation, faultsJudged, labelTexts };
}
