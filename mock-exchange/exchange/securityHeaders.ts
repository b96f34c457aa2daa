// The security headers every answer carries: helmet's defaults, captured once from helmet itself and set by one
// middleware. helmet() runs about a dozen middleware functions per request to set the same fixed headers; under load
// that was a visible part of the exchange's CPU a request (docs/performance.md), so the app and the plan-browsing
// fast path both send what this capture holds, in helmet's order.

import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

export interface SecurityHeaders {
  /** [name, value] in the order helmet sets them. */
  set: [string, string][];
  /** What helmet removes (X-Powered-By). */
  removed: string[];
}

/** What helmet's defaults do to a response, recorded from helmet itself. */
export function helmetHeaders(): SecurityHeaders {
  const captured: SecurityHeaders = { set: [], removed: [] };
  const res = {
    setHeader: (name: string, value: string) => void captured.set.push([name, String(value)]),
    removeHeader: (name: string) => void captured.removed.push(name),
  };
  let called = false;
  helmet()({} as Request, res as unknown as Response, () => {
    called = true;
  });
  // helmet's defaults are synchronous and depend on nothing in the request; a version where that stops being true
  // must not be captured half-way.
  if (!called) throw new Error('securityHeaders: helmet() did not finish synchronously; capture per request again (app.use(helmet()))');
  return captured;
}

/** One middleware doing what `app.use(helmet())` does. */
export function securityHeaders(headers: SecurityHeaders = helmetHeaders()): RequestHandler {
  const { set, removed } = headers;
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
