// The 834 dispatcher: seals confirmed enrollments into per-insurer batches, sends each as an X12 834 interchange,
// and settles it only on the insurer's 999. Errors and timeouts are retried with exponential backoff and full jitter.

import { jsonLinesLogger, type ServiceLogger } from '../service/serviceLog.ts';
import { garble, type BackendFaults } from './backendFaults.ts';
import { describeDeliveryFailure, DeliveryFailure } from './deliveryFailure.ts';
import type { ExchangeMetrics } from './metrics.ts';
import type { ExchangeStore, OutboxBatch, OutboxKey } from './store.ts';

export interface Acknowledgement {
  accepted: boolean;
  transactions: { control: string; status: 'A' | 'E' | 'R'; errors: string[] }[];
}

export interface DispatcherOptions {
  batchSize: number;
  intervalMs: number;
  requestTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  batchSize: 500,
  intervalMs: 200,
  requestTimeoutMs: 10_000,
  backoffBaseMs: 250,
  backoffMaxMs: 30_000,
};

export interface DispatcherDeps {
  store: ExchangeStore;
  metrics: ExchangeMetrics;
  /** The insurer endpoint that receives this issuer's 834s. */
  endpointFor(issuerId: string): string;
  toInterchange(batch: OutboxBatch): string;
  readAcknowledgement(text: string): Acknowledgement;
  /** Back-end fault injection; none in a healthy exchange. */
  faults?: BackendFaults;
  options?: Partial<DispatcherOptions>;
  random?: () => number;
  /** Failed posts, retries and rejections; default: JSON lines on stderr. */
  logger?: ServiceLogger;
}

/** Full jitter: a uniform wait in [0, min(max, base·2^attempt)), so retrying exchanges do not stampede an insurer. */
export function backoffMs(attempt: number, options: Pick<DispatcherOptions, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number): number {
  return Math.floor(random() * Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** attempt));
}

export function createDispatcher(deps: DispatcherDeps) {
  const options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
  const random = deps.random ?? Math.random;
  const { store, metrics } = deps;
  const logger = deps.logger ?? jsonLinesLogger('exchange');
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  /**
   * Seals pending rows into per-issuer batches, applying the drop, delay and misroute faults on the way (a delay is
   * counted when confirmed); every issuer's batches in one transaction.
   */
  function seal(nowMs: number): void {
    const groups = new Map<string, { rows: OutboxKey[]; injected: Record<string, number> }>();
    for (const row of store.unbatched(options.batchSize * 10)) {
      if (!row.originalDelivered) continue; // a duplicate goes out only after its original, in another interchange
      const plan = deps.faults?.plan(row);
      if (plan?.drop) {
        store.dropRow(row, 'backend.drop');
        continue;
      }
      if (plan && plan.holdUntilMs > nowMs) continue;
      const addressedTo = plan?.addressedTo ?? row.issuerId;
      const group = groups.get(addressedTo) ?? { rows: [], injected: {} };
      groups.set(addressedTo, group);
      group.rows.push(row);
      const count = (fault: string): void => void (group.injected[fault] = (group.injected[fault] ?? 0) + 1);
      if (plan?.misrouted) count('backend.misroute');
      for (const field of plan?.garbled ?? []) count(`backend.garble.${field}`);
    }
    if (groups.size === 0) return;
    store.atomically(() => {
      for (const [addressedTo, group] of groups) {
        for (let i = 0; i < group.rows.length; i += options.batchSize) {
          // Injected counts ride with the first batch of the group: counted once, in the transaction that seals them.
          store.sealBatch(addressedTo, group.rows.slice(i, i + options.batchSize), new Date(nowMs), i === 0 ? group.injected : {});
        }
      }
    });
  }

  /** The enrollments as the (possibly faulty) back end sends them. */
  function asSent(batch: OutboxBatch): OutboxBatch {
    if (!deps.faults) return batch;
    const enrollments = batch.enrollments.map((e, i) =>
      garble(
        e,
        deps.faults!.plan({
          confirmation: e.confirmationNumber,
          copy: batch.copies[i] ?? 0,
          issuerId: e.issuerId,
          confirmedAt: e.submittedAt,
          memberCount: e.members.length,
        }).garbled,
      ),
    );
    return { ...batch, enrollments };
  }

  /** Posts one interchange; returns what to write of its outcome (settled, or the next attempt's time), for the tick to commit with the others'. */
  async function send(batch: OutboxBatch): Promise<() => void> {
    const issuer = batch.issuerId;
    const facts = { issuer, batch: batch.control, attempt: batch.attempts + 1, enrollments: batch.enrollments.length };
    if (batch.attempts > 0) {
      metrics.edi834Retried.inc({ issuer });
      logger.info('edi834_retry', facts);
    }
    metrics.edi834Sent.inc({ issuer });
    try {
      const response = await fetch(deps.endpointFor(issuer), {
        method: 'POST',
        headers: { 'content-type': 'application/edi-x12' },
        body: deps.toInterchange(asSent(batch)),
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new DeliveryFailure('http_error', `insurer answered HTTP ${response.status}`, response.status);
      let ack: Acknowledgement;
      try {
        ack = deps.readAcknowledgement(text);
      } catch {
        // The answer's text stays out of the log: it is the insurer's, and could echo anything.
        throw new DeliveryFailure('unreadable_ack', 'the insurer answered without a readable 999 or TA1');
      }
      const byControl = new Map(ack.transactions.map((t) => [t.control, t]));
      const now = Date.now();
      const outcomes = batch.enrollments.map((enrollment, index) => {
        // ST02 control numbers are the 1-based position in the interchange, zero-padded to 4.
        const verdict = byControl.get(String(index + 1).padStart(4, '0'));
        const accepted = verdict ? verdict.status !== 'R' : ack.accepted;
        if (accepted) {
          metrics.edi834Accepted.inc({ issuer });
          metrics.deliveryLatency.observe((now - Date.parse(enrollment.submittedAt)) / 1000);
        } else metrics.edi834Rejected.inc({ issuer });
        return { confirmation: enrollment.confirmationNumber, accepted, reason: verdict?.errors.join('; ') };
      });
      const rejected = outcomes.filter((o) => !o.accepted);
      if (rejected.length > 0) {
        // Codes and positions only: an IK4 may copy the bad value (a date of birth), which stays out of the log.
        const errors = [...new Set(rejected.flatMap((o) => (o.reason ?? 'rejected by the 999').split('; ').map((e) => e.replace(/ \(value .*\)$/, ''))))];
        logger.warn('edi834_rejected', { ...facts, rejected: rejected.length, accepted: outcomes.length - rejected.length, errors: errors.slice(0, 10) });
      }
      return () => store.settleBatch(batch.control, outcomes);
    } catch (error) {
      // Timeouts, refused connections, 4xx/5xx and unreadable 999s are all retried; the batch keeps its control number.
      const failure = describeDeliveryFailure(error);
      const waitMs = backoffMs(batch.attempts, options, random);
      metrics.edi834DeliveryFailures.inc({ issuer, reason: failure.reason });
      metrics.edi834RetryBackoff.inc({ issuer }, waitMs / 1000);
      logger.warn('edi834_delivery_failed', {
        ...facts,
        reason: failure.reason,
        ...(failure.status ? { status: failure.status } : {}),
        detail: failure.detail,
        backoffMs: waitMs,
      });
      const nextAttemptAtMs = Date.now() + waitMs;
      return () => store.recordAttempt(batch.control, nextAttemptAtMs);
    }
  }

  async function tick(): Promise<void> {
    seal(Date.now());
    const due = store.dueBatches(Date.now());
    // Every interchange's outcome in one transaction. A kill before it commits re-sends them with the same control
    // numbers, which the insurer records once (it keys on sender and ISA13).
    const outcomes = await Promise.all(due.map(send));
    if (outcomes.length > 0) store.atomically(() => outcomes.forEach((write) => write()));
    const status = store.pendingOutbox();
    metrics.outboxDepth.set(status.pending);
    metrics.outboxOldestAge.set(status.oldestPendingAt ? (Date.now() - Date.parse(status.oldestPendingAt)) / 1000 : 0);
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => logger.error('dispatcher_error', { message: (error as Error).message }))
        .finally(schedule);
    }, options.intervalMs);
  }

  return {
    start: () => schedule(),
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
