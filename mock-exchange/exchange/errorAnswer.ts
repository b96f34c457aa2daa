// What the exchange answers for an error, whichever path served the request (app.ts's error middleware, the journey
// fast path): our own HttpErrors show their status and message, the rules' RangeErrors are 422s, other client errors
// (a body-parser 400 or 413) show their message, and anything else is a 500 whose message stays in the log.

import { HttpError } from './httpError.ts';

export interface ErrorAnswer {
  status: number;
  body: { error: string };
}

/** `crashOnBadJson()`: whether exchange.badJsonCrash opens its hole for this unparseable body (asked only then). */
export function errorAnswer(error: unknown, crashOnBadJson: () => boolean): ErrorAnswer {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message } };
  if ((error as { type?: string }).type === 'entity.parse.failed' && crashOnBadJson()) {
    process.stderr.write('exchange: internal error: unparseable JSON body (exchange.badJsonCrash)\n');
    return { status: 500, body: { error: 'internal error' } };
  }
  // The rules throw RangeError for what the catalog does not know (a county or plan it does not serve).
  if (error instanceof RangeError) return { status: 422, body: { error: error.message } };
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, body: { error: (error as Error).message } };
  process.stderr.write(`exchange: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return { status: 500, body: { error: 'internal error' } };
}
