// The consumer journey (the waiting room, accounts, sessions, applications, eligibility, plans, enrollments) served
// on raw node:http ahead of Express, which costs several times the routes' own work a request (docs/performance.md).
// The handlers are the Express app's own (JourneyRoute, built once in app.ts); around them this does what the app's
// middleware does for these routes — a JSON body read as body-parser reads it, the waiting room's check (not on the
// waiting room's own, `open` routes), the security headers, RED metrics, the same error answers — so the bytes on the
// wire are the same. It takes only requests it can serve exactly so (an exact path, a JSON body of known length, no
// conditional GET); the rest, HEAD and OPTIONS included, it leaves unread to Express, as withFastPaths leaves
// everything while fault switches are on.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AdmissionControl } from './admission.ts';
import { BAD_BODY_ROUTE, BODY_LIMIT_BYTES } from './app.ts';
import type { ErrorAnswer } from './errorAnswer.ts';
import type { FastPath } from './fastPaths.ts';
import { bodyKind, parseJsonBody } from './jsonBody.ts';
import type { ExchangeMetrics } from './metrics.ts';
import { JsonResponse, responseHeads } from './jsonResponse.ts';
import type { ApiRequest, JourneyRoute } from './routeContext.ts';
import { createRouteMatcher, type Matched } from './routeMatcher.ts';
import { helmetHeaders } from './securityHeaders.ts';
import { ADMISSION_REFUSED, isAdmitted } from './waitingRoomRoutes.ts';

export interface JourneyFastPathDeps {
  routes: readonly JourneyRoute[];
  metrics: Pick<ExchangeMetrics, 'httpRequests' | 'httpDuration' | 'httpInFlight'>;
  /** The waiting room's admission control: the same check as the app's requireAdmission; none admits everyone. */
  admission?: AdmissionControl;
  /** The app's answer for an error (errorAnswer.ts with the app's holes). */
  answerError: (error: unknown) => ErrorAnswer;
}

class NodeRequest implements ApiRequest {
  private readonly headers: IncomingHttpHeaders;
  readonly params: Record<string, string>;
  readonly body: unknown;
  constructor(headers: IncomingHttpHeaders, params: Record<string, string>, body: unknown) {
    this.headers = headers;
    this.params = params;
    this.body = body;
  }

  get(header: string): string | undefined {
    return this.headers[header.toLowerCase()] as string | undefined;
  }
}

/** The body's bytes, or the error raw-body would report (a client gone mid-body). */
function readBody(req: IncomingMessage, done: (error: Error | undefined, bytes: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let finished = false;
  req.on('data', (chunk: Buffer) => void chunks.push(chunk));
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
  req.on('error', () => {
    if (finished) return;
    finished = true;
    done(Object.assign(new Error('request aborted'), { status: 400, type: 'request.aborted' }), Buffer.alloc(0));
  });
}

export function createJourneyFastPath(deps: JourneyFastPathDeps): FastPath {
  const { metrics, admission, answerError } = deps;
  const matcher = createRouteMatcher(deps.routes);
  const heads = responseHeads(helmetHeaders().set.flat());
  // prom-client hashes a label set on every call; these few children are looked up once each.
  const counted = new Map<string, ReturnType<typeof metrics.httpRequests.labels>>();
  const timed = new Map<string, ReturnType<typeof metrics.httpDuration.labels>>();
  const record = (route: string, method: string, status: number, seconds: number): void => {
    const key = `${route} ${method}`;
    let duration = timed.get(key);
    if (!duration) timed.set(key, (duration = metrics.httpDuration.labels({ route, method })));
    duration.observe(seconds);
    const statusKey = `${key} ${status}`;
    let requests = counted.get(statusKey);
    if (!requests) counted.set(statusKey, (requests = metrics.httpRequests.labels({ route, method, status: String(status) })));
    requests.inc();
  };

  /** The RED metrics' end of a request that began (in flight, timed) at `started`. */
  const finish = (route: string, method: string, status: number, started: number): void => {
    metrics.httpInFlight.dec();
    record(route, method, status, (performance.now() - started) / 1000);
  };

  /** What the app does once the body is parsed: admission (but for open routes), the handler, and its error answer. */
  async function serve(req: IncomingMessage, res: ServerResponse, matched: Matched<JourneyRoute>, body: unknown, started: number): Promise<void> {
    const request = new NodeRequest(req.headers, matched.params, body);
    const response = new JsonResponse(res, heads);
    try {
      if (admission && !matched.route.open && !(await isAdmitted(admission, request))) {
        response.locals.route = ADMISSION_REFUSED.route;
        response.status(403).json(ADMISSION_REFUSED.body);
      } else await matched.route.handle(request, response);
    } catch (error) {
      const { status, body: answer } = answerError(error);
      // An error after the answer went out cannot be answered (Express's final handler drops the connection too).
      if (res.headersSent) res.destroy();
      else response.status(status).json(answer);
    }
    finish((response.locals.route as string | undefined) ?? 'unmatched', req.method!, res.statusCode, started);
  }

  /** A body that cannot be read or parsed is refused before any route, counted as the app counts it (bad_body). */
  function refuse(req: IncomingMessage, res: ServerResponse, error: unknown, started: number): void {
    const { status, body } = answerError(error);
    new JsonResponse(res, heads).status(status).json(body);
    finish(BAD_BODY_ROUTE, req.method!, res.statusCode, started);
  }

  return {
    handle(req, res) {
      const { method, url, headers } = req;
      if (method === undefined || url === undefined) return false;
      const query = url.indexOf('?');
      const matched = matcher.match(method, query === -1 ? url : url.slice(0, query));
      // A conditional GET could make Express answer 304 (req.fresh): left to it.
      if (!matched || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
      const kind = bodyKind(headers, BODY_LIMIT_BYTES);
      if (kind === undefined) return false;
      // As the app's metrics middleware: in flight and timed from before the body is read.
      const started = performance.now();
      metrics.httpInFlight.inc();
      if (kind === 'none') {
        void serve(req, res, matched, undefined, started);
        return true;
      }
      readBody(req, (error, bytes) => {
        if (error) return refuse(req, res, error, started);
        let body: unknown;
        try {
          body = parseJsonBody(bytes);
        } catch (parseError) {
          return refuse(req, res, parseError, started);
        }
        void serve(req, res, matched, body, started);
      });
      return true;
    },
  };
}
