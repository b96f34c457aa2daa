// The mock exchange's HTTP API (Express 5): account → application → eligibility → plans → enrollment.
// Built by createExchangeApp(deps) so tests and the process entry share one app. This module is the frame —
// metrics, fault switches per route, the rate limit, the waiting room, errors; the routes live in their modules
// (accountRoutes, applicationRoutes, enrollmentRoutes, adminRoutes, waitingRoomRoutes) over one access control
// (access.ts, where the vulnerable modes are) and a pure enrollment builder (enrollmentDraft.ts). The consumer
// journey's routes, the waiting room's included, are also handed out (createExchange) to the journey fast path, which
// serves them ahead of Express with these same handlers and error answers (journeyFastPath.ts).

import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Registry } from 'prom-client';
import type { PlanYear } from '../../vocabulary/planYear.ts';
import { EXCHANGE_ROUTES, type ExchangeRoute, type RouteName } from '../../vocabulary/routes.ts';
import { NO_FAULTS } from '../faults/index.ts';
import { createAccess } from './access.ts';
import { accountRoutes } from './accountRoutes.ts';
import { mountAdmin } from './adminRoutes.ts';
import type { AdmissionControl } from './admission.ts';
import { applicationRoutes } from './applicationRoutes.ts';
import { enrollmentRoutes } from './enrollmentRoutes.ts';
import { type ErrorAnswer, errorAnswer } from './errorAnswer.ts';
import { createFrontFaults, type FrontFaults } from './frontFaults.ts';
import { HttpError } from './httpError.ts';
import type { ExchangeMetrics } from './metrics.ts';
import { openApiDocument } from './openapi.ts';
import { createPasswordHasher, type PasswordHasher } from './passwords.ts';
import type { ApiRequest, ApiResponse, JourneyRoute, Named, RouteContext } from './routeContext.ts';
import type { ExchangeRules } from './rules.ts';
import { browseQuerySchema } from './schemas.ts';
import { securityHeaders } from './securityHeaders.ts';
import type { ExchangeStore } from './store.ts';
import { bearerToken, type TokenIssuer } from './tokens.ts';
import { requireAdmission, waitingRoomRoutes } from './waitingRoomRoutes.ts';

export interface ExchangeDeps {
  store: ExchangeStore;
  rules: ExchangeRules;
  tokens: TokenIssuer;
  /** Account passwords; scrypt at the default cost unless given. */
  passwords?: PasswordHasher;
  registry: Registry;
  /** The /metrics exposition when it is more than `registry` (a cluster's aggregate over its processes). */
  metricsText?: () => Promise<string>;
  /** Puts validated fault switches in force wherever they act (every worker of a cluster); default: this app's. */
  replaceFaults?: (spec: string) => Promise<void>;
  metrics: ExchangeMetrics;
  /** Called after a confirmation is durable, to wake the 834 dispatcher. */
  onConfirmed?: () => void;
  /** Admission control in front of the journey; none means everyone is admitted. */
  admission?: AdmissionControl;
  /** Deliberate faults (latency, 500s, wrong subsidy, skipped ownership check); none in a healthy exchange. */
  faults?: FrontFaults;
  /** Bearer token that may replace the fault switches during a run (PUT /admin/faults); absent: they are fixed. */
  adminToken?: string;
  /** Counts what the faults injected, for reconciliation's `injected`. */
  countInjected?: (fault: string) => void;
  /** How many enrollment copies the back end will send (2 under backend.duplicate). */
  copiesOf?: (confirmation: string) => number;
  /** Whether the back end will hold this enrollment's 834 back (backend.delay), counted with the confirmation. */
  delayedOf?: (confirmation: string) => boolean;
  /**
   * Requests a minute one client may make to /api/v1 (keyed by bearer token, else by address); 0 or absent: no limit.
   * Off by default because a load test's VUs share one loopback address.
   */
  rateLimitPerMinute?: number;
  /** The exchange's clock: the submission time, which sets when coverage starts (coverageStart.ts), and the day dates of birth are checked against (none in the future). Default: the wall clock. */
  now?: () => Date;
}

/** A JSON body larger than this is answered 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** What `exchange.noBodyLimit` reads instead: in effect no limit. */
const NO_BODY_LIMIT_BYTES = 1024 ** 3;
/** The metrics' route of a request whose body was refused before any route read it. */
export const BAD_BODY_ROUTE = 'bad_body' satisfies RouteName;

/** The app, and what the journey fast path serves the same way: the journey's routes (the waiting room's first) and the app's error answer. */
export interface Exchange {
  app: Express;
  journey: { routes: JourneyRoute[]; answerError: (error: unknown) => ErrorAnswer };
}

export function createExchangeApp(deps: ExchangeDeps): Express {
  return createExchange(deps).app;
}

export function createExchange(deps: ExchangeDeps): Exchange {
  const { store, rules, tokens, metrics } = deps;
  const passwords = deps.passwords ?? createPasswordHasher();
  const faults = deps.faults ?? createFrontFaults(NO_FAULTS, deps.countInjected ?? (() => {}));
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders());

  // RED metrics by route pattern; the pattern name is set by each handler, never the raw URL. Ahead of the body's
  // reading, so that a body refused before any route (bad_body) is counted and timed as well.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    metrics.httpInFlight.inc();
    // 'finish' once the answer is sent; 'close' alone when the client went away first (no answer could finish).
    let counted = false;
    const count = (): void => {
      if (counted) return;
      counted = true;
      const route = (res.locals.route as RouteName | undefined) ?? ('unmatched' satisfies RouteName);
      metrics.httpInFlight.dec();
      end({ route, method: req.method });
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    };
    res.on('finish', count);
    res.on('close', count);
    next();
  });
  const readBody = jsonBodies(faults, deps.countInjected);
  app.use((req: Request, res: Response, next: NextFunction) =>
    readBody(req, res, (error?: unknown) => {
      if (error !== undefined) res.locals.route = BAD_BODY_ROUTE;
      next(error);
    }),
  );

  const pages = new Set<RouteName>(EXCHANGE_ROUTES);
  const isPage = (route: RouteName): route is ExchangeRoute => pages.has(route);
  const named: Named =
    <Q extends ApiRequest, S extends ApiResponse>(route: RouteName, handler: (req: Q, res: S) => unknown) =>
    async (req: Q, res: S): Promise<void> => {
      res.locals.route = route;
      if (isPage(route) && (await faults.beforeRoute(route))) throw new HttpError(500, 'injected fault: exchange.error');
      await handler(req, res);
    };

  const access = createAccess({ store, tokens, faults, countInjected: deps.countInjected });
  const context: RouteContext = { deps, access, named, faults, passwords, now };
  const answerError = (error: unknown): ErrorAnswer => errorAnswer(error, () => access.hole('exchange.badJsonCrash'));

  app.get(
    '/healthz',
    named('health', (_req, res) => res.json({ status: 'ok' })),
  );
  app.get(
    '/readyz',
    named('health', (_req, res) => res.json({ status: 'ready' })),
  );
  app.get(
    '/metrics',
    named('metrics', async (_req: Request, res: Response) => {
      res.type(deps.registry.contentType).send(await (deps.metricsText?.() ?? deps.registry.metrics()));
    }),
  );

  if (deps.rateLimitPerMinute) {
    const rateLimitKey = (req: Request): string => bearerToken(req.get('authorization')) ?? req.ip ?? 'unknown';
    app.use(
      '/api/v1',
      rateLimit({
        windowMs: 60_000,
        limit: deps.rateLimitPerMinute,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        keyGenerator: rateLimitKey,
        skip: (req) => faults.hole('exchange.noRateLimit', rateLimitKey(req)),
        handler: (_req, res) => {
          res.locals.route = 'rate_limited' satisfies RouteName;
          res.status(429).json({ error: `rate limit: at most ${deps.rateLimitPerMinute} requests a minute per client; retry after the Retry-After header` });
        },
      }),
    );
  }
  // The waiting room is how one gets admitted, so it stands ahead of requireAdmission.
  const waitingRoom = waitingRoomRoutes(context);
  mount(app, waitingRoom);
  const contract = openApiDocument();
  app.get(
    '/api/v1/openapi.json',
    named('openapi', (_req, res) => res.json(contract)),
  );

  // Window shopping needs no account and no place in the waiting room.
  app.get(
    '/api/v1/plans',
    named('browse', (req: Request, res: Response) => {
      const query = access.bodyOf(browseQuerySchema, req.query);
      res.json(rules.browse(query.zip, query.countyFips, query.ages, query.planYear as PlanYear));
    }),
  );

  app.use(['/api/v1/accounts', '/api/v1/sessions', '/api/v1/applications', '/api/v1/enrollments'], requireAdmission(deps.admission));

  const journey = [...accountRoutes(context), ...applicationRoutes(context), ...enrollmentRoutes(context)];
  mount(app, journey);

  // Loopback-only operations: the back end's outbox and injected faults (read by the harness after a run), and the
  // fault switches, which the admin token may change during a run.
  mountAdmin(app, { store, faults, adminToken: deps.adminToken, replaceFaults: deps.replaceFaults }, named);

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found: see docs/exchange-api.md for the routes' });
  });

  // Registered last: every error becomes a JSON answer; only our own HttpErrors show their message.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = answerError(error);
    res.status(status).json(body);
  });
  return { app, journey: { routes: [...waitingRoom, ...journey], answerError } };
}

function mount(app: Express, routes: readonly JourneyRoute[]): void {
  for (const route of routes) app[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](route.path, route.handle);
}

/**
 * JSON bodies of at most BODY_LIMIT_BYTES, read only when sent as application/json — unless a vulnerable mode
 * (exchange.noBodyLimit, exchange.laxContentType) opens the hole for this request.
 */
function jsonBodies(faults: FrontFaults, countInjected: ((fault: string) => void) | undefined): RequestHandler {
  const parsers = new Map<string, RequestHandler>();
  const parserFor = (unlimited: boolean, anyType: boolean): RequestHandler => {
    const key = `${unlimited}:${anyType}`;
    let parser = parsers.get(key);
    if (!parser) {
      parser = express.json({ limit: unlimited ? NO_BODY_LIMIT_BYTES : BODY_LIMIT_BYTES, ...(anyType ? { type: () => true } : {}) });
      parsers.set(key, parser);
    }
    return parser;
  };
  const strict = parserFor(false, false);
  return (req, res, next) => {
    // The switches may change during a run (PUT /admin/faults), so they are consulted per request; off, this is two reads.
    if (!faults.active) {
      strict(req, res, next);
      return;
    }
    const oversized = Number(req.get('content-length') ?? 0) > BODY_LIMIT_BYTES;
    const hasBody = req.get('content-length') !== undefined || req.get('transfer-encoding') !== undefined;
    const otherType = hasBody && !req.is('application/json');
    const unlimited = oversized && faults.hole('exchange.noBodyLimit');
    const anyType = otherType && faults.hole('exchange.laxContentType');
    if (unlimited) countInjected?.('exchange.noBodyLimit');
    if (anyType) countInjected?.('exchange.laxContentType');
    parserFor(unlimited, anyType)(req, res, next);
  };
}
