// Why an 834 post failed, as the dispatcher counts and logs it: one reason from a closed list, and words for people.

import type { DeliveryFailureReason } from '../../vocabulary/metrics/exchange.ts';

/** A failure the dispatcher recognised itself (an HTTP error status, an unreadable acknowledgement). */
export class DeliveryFailure extends Error {
  readonly reason: DeliveryFailureReason;
  readonly status: number | undefined;
  constructor(reason: DeliveryFailureReason, message: string, status?: number) {
    super(message);
    this.reason = reason;
    this.status = status;
  }
}

export interface DescribedFailure {
  reason: DeliveryFailureReason;
  status?: number;
  detail: string;
}

/** fetch's errors: an AbortSignal.timeout is a TimeoutError; anything else on the wire is a TypeError with a cause. */
export function describeDeliveryFailure(error: unknown): DescribedFailure {
  if (error instanceof DeliveryFailure) return { reason: error.reason, status: error.status, detail: error.message };
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return { reason: 'timeout', detail: 'no answer from the insurer before the request timeout' };
  if (!(error instanceof TypeError))
    return { reason: 'internal', detail: `the exchange could not build or send the interchange: ${e?.message ?? String(error)}` };
  const code = e?.cause?.code;
  return { reason: 'connection', detail: `${e?.message ?? String(error)}${code ? ` (${code})` : e?.cause?.message ? ` (${e.cause.message})` : ''}` };
}
