// The mock exchange's HTTP API (Express 5): account → application → eligibility → plans → enrollment.
// Built by createExchangeApp(deps) so tests and the process entry share one app.

import { randomBytes, randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { coverageStart } from '../../domain/coverageStart.ts';
import type { Enrollment } from '../../domain/enrollment.ts';
import type { PlanYear } from '../../domain/household.ts';
import { NO_FAULTS } from '../faults/index.ts';
import { mountAdmin } from './adminRoutes.ts';
import { createFrontFaults, WRONG_SUBSIDY_EXTRA, type FrontFaults } from './frontFaults.ts';
import { OPERATIONAL_ROUTES } from '../../vocabulary/metrics/exchange.ts';
import type { ExchangeMetrics } from './metrics.ts';
import type { ExchangeRules } from './rules.ts';
import { openApiDocument } from './openapi.ts';
import { createPasswordHasher, type PasswordHasher } from './passwords.ts';
import { accountSchema, applicationSchemaAt, browseQuerySchema, describeIssues, enrollmentSchema, loginSchema, type HouseholdInput } from './schemas.ts';
import type { ExchangeStore } from './store.ts';
import type { VulnerableSwitch } from '../faults/index.ts';
import { bearerToken, type TokenIssuer } from './tokens.ts';
import type { AdmissionControl } from './admission.ts';
import { mountWaitingRoom, requireAdmission } from './waitingRoomRoutes.ts';
import { z } from 'zod';
import type { ExchangeRoute, OperationalRoute, RouteName } from '../../vocabulary/routes.ts';

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

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** A JSON body larger than this is answered 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** What `exchange.noBodyLimit` reads instead: in effect no limit. */
const NO_BODY_LIMIT_BYTES = 1024 ** 3;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `unchecked(body)` (exchange.noInputValidation): a JSON object that fails the schema passes anyway, its fields unchecked. */
function parseBody<T>(schema: z.ZodType<T>, body: unknown, unchecked: () => boolean = () => false): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (isPlainObject(body) && unchecked()) return body as T;
  throw new HttpError(400, describeIssues(parsed.error));
}

/** Confirmation numbers the consumer reads out on the phone: no 0/O/1/I. */
function newConfirmationNumber(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return `EN${[...randomBytes(10)].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

export function createExchangeApp(deps: ExchangeDeps): Express {
  const { store, rules, tokens, metrics } = deps;
  const passwords = deps.passwords ?? createPasswordHasher();
  const faults = deps.faults ?? createFrontFaults(NO_FAULTS, deps.countInjected ?? (() => {}));
  const now = deps.now ?? (() => new Date());
  const applicationSchema = applicationSchemaAt(now);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(helmet());
  app.use(jsonBodies(faults, deps.countInjected));

  // RED metrics by route pattern; the pattern name is set by each handler, never the raw URL.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const end = metrics.httpDuration.startTimer();
    metrics.httpInFlight.inc();
    res.on('finish', () => {
      const route = (res.locals.route as RouteName | undefined) ?? ('unmatched' satisfies RouteName);
      metrics.httpInFlight.dec();
      end({ route, method: req.method });
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
    });
    next();
  });

  const operational = new Set<RouteName>(OPERATIONAL_ROUTES);
  const isOperational = (route: ExchangeRoute | OperationalRoute): route is OperationalRoute => operational.has(route);
  const named =
    (route: ExchangeRoute | OperationalRoute, handler: (req: Request, res: Response) => unknown) =>
    async (req: Request, res: Response): Promise<void> => {
      res.locals.route = route;
      if (!isOperational(route) && (await faults.beforeRoute(route))) throw new HttpError(500, 'injected fault: exchange.error');
      await handler(req, res);
    };

  const hole = (name: VulnerableSwitch, key?: string): boolean => {
    if (!faults.hole(name, key)) return false;
    deps.countInjected?.(name);
    return true;
  };
  const bodyOf = <T>(schema: z.ZodType<T>, body: unknown): T => parseBody(schema, body, () => hole('exchange.noInputValidation'));

  const accountOf = (req: Request): string => {
    const reading = tokens.read(bearerToken(req.get('authorization')));
    if (reading?.status === 'valid') return reading.accountId;
    if (reading?.status === 'expired' && hole('exchange.acceptExpiredTokens', reading.accountId)) return reading.accountId;
    if (reading?.status === 'forged' && hole('exchange.acceptForgedTokens', reading.accountId)) return reading.accountId;
    throw new HttpError(401, 'a valid bearer token is required: create an account and send Authorization: Bearer <token>');
  };

  /** The caller's account; undefined when exchange.skipAuthentication serves this resource to a request with no token. */
  const callerFor = (req: Request, resourceId: string): string | undefined =>
    req.get('authorization') === undefined && hole('exchange.skipAuthentication', resourceId) ? undefined : accountOf(req);

  /** Another account's resource is reported as absent, exactly as a missing one, so ids cannot be probed. */
  const requireOwner = (ownerId: string, caller: string | undefined, resourceId: string, what: string): void => {
    if (caller === undefined || ownerId === caller) return;
    if (faults.skipOwnershipCheck(resourceId)) return void deps.countInjected?.('exchange.skipOwnershipCheck');
    if (hole('exchange.revealForeignIds', resourceId)) throw new HttpError(403, `this ${what} belongs to another account`);
    throw new HttpError(404, `no such ${what}`);
  };

  const ownApplication = (req: Request) => {
    const id = String(req.params.applicationId);
    const caller = callerFor(req, id);
    const application = store.findApplication(id);
    if (!application) throw new HttpError(404, 'no such application');
    requireOwner(application.accountId, caller, application.id, 'application');
    return {
      accountId: caller ?? application.accountId,
      application,
      household: application.household as HouseholdInput,
      planYear: application.planYear as PlanYear,
    };
  };

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
    named('metrics', async (_req, res) => {
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
  mountWaitingRoom(app, deps.admission, metrics);
  const contract = openApiDocument();
  app.get(
    '/api/v1/openapi.json',
    named('openapi', (_req, res) => res.json(contract)),
  );

  // Window shopping needs no account and no place in the waiting room.
  app.get(
    '/api/v1/plans',
    named('browse', (req, res) => {
      const query = bodyOf(browseQuerySchema, req.query);
      res.json(rules.browse(query.zip, query.countyFips, query.ages, query.planYear as PlanYear));
    }),
  );

  app.use(['/api/v1/accounts', '/api/v1/sessions', '/api/v1/applications', '/api/v1/enrollments'], requireAdmission(deps.admission));

  app.post(
    '/api/v1/accounts',
    named('account', async (req, res) => {
      const { email, password } = bodyOf(accountSchema, req.body);
      const accountId = randomUUID();
      if (!(await store.createAccount({ id: accountId, email, passwordHash: await passwords.hash(password) }))) {
        throw new HttpError(409, 'an account with this e-mail exists: log in with POST /api/v1/sessions');
      }
      metrics.accountsCreated.inc();
      res.status(201).json({ accountId, ...tokens.issue(accountId) });
    }),
  );

  // Logging in: one answer for an unknown e-mail and a wrong password, so accounts cannot be discovered.
  app.post(
    '/api/v1/sessions',
    named('login', async (req, res) => {
      const { email, password, ttlSeconds } = bodyOf(loginSchema, req.body);
      const account = store.findAccountByEmail(email);
      const valid = account ? await passwords.verify(password, account.passwordHash) : await passwords.hash(password).then(() => false);
      if (!account || !valid) throw new HttpError(401, 'e-mail or password is wrong');
      res.json({ accountId: account.id, ...tokens.issue(account.id, Date.now(), ttlSeconds === undefined ? undefined : ttlSeconds * 1000) });
    }),
  );

  app.post(
    '/api/v1/applications',
    named('application', async (req, res) => {
      const accountId = accountOf(req);
      const body = bodyOf(applicationSchema, req.body);
      const id = randomUUID();
      await store.saveApplication({ id, accountId, planYear: body.planYear, household: body.household });
      metrics.applicationsSubmitted.inc();
      res.status(201).json({ applicationId: id });
    }),
  );

  app.put(
    '/api/v1/applications/:applicationId',
    named('application_update', async (req, res) => {
      const { accountId, application } = ownApplication(req);
      const body = bodyOf(applicationSchema, req.body);
      // Checked again in the transaction that writes it: an enrollment may be waiting on the same group commit.
      const enrolled = (): never => {
        throw new HttpError(409, 'this application has enrolled: changes after enrollment are a life-event report, not an update');
      };
      if (store.enrollmentsOf(accountId).some((e) => e.householdId === application.id)) enrolled();
      if (!(await store.updateApplication({ id: application.id, accountId, planYear: body.planYear, household: body.household }))) enrolled();
      res.json({ applicationId: application.id });
    }),
  );

  app.post(
    '/api/v1/applications/:applicationId/eligibility',
    named('eligibility', (req, res) => {
      const { application, household, planYear } = ownApplication(req);
      const eligibility = rules.eligibility(household, planYear);
      if (faults.wrongSubsidy(application.id)) eligibility.maxMonthlyCredit += WRONG_SUBSIDY_EXTRA;
      metrics.eligibilityResults.inc({ outcome: eligibility.result === 'aptc' && eligibility.maxMonthlyCredit === 0 ? 'no_aptc' : eligibility.result });
      res.json(eligibility);
    }),
  );

  app.get(
    '/api/v1/applications/:applicationId/plans',
    named('plans', (req, res) => {
      const { household, planYear } = ownApplication(req);
      res.json({ plans: rules.plans(household, planYear) });
    }),
  );

  app.post(
    '/api/v1/applications/:applicationId/enrollments',
    named('enroll', async (req, res) => {
      const { accountId, application, household, planYear } = ownApplication(req);
      const { planId } = bodyOf(enrollmentSchema, req.body);
      const eligibility = rules.eligibility(household, planYear);
      if (eligibility.result === 'medicaid') {
        throw new HttpError(
          422,
          'this household is eligible for Medicaid/CHIP (eligibility result "medicaid"): it is referred to the state Medicaid agency, and no plan is sold through the exchange',
        );
      }
      const quote = rules.quote(household, planYear, planId);
      if (!quote) throw new HttpError(422, `plan ${planId} is not sold in this household's rating area: choose one from GET .../plans`);
      const wrongSubsidy = faults.wrongSubsidy(application.id);
      if (wrongSubsidy) {
        // Too much credit, capped by the premium as the rules cap it; where the cap hides it, too little instead.
        const raised = Math.min(quote.premium, Math.round((quote.aptc + WRONG_SUBSIDY_EXTRA) * 100) / 100);
        quote.aptc = raised !== quote.aptc ? raised : Math.max(0, Math.round((quote.aptc - WRONG_SUBSIDY_EXTRA) * 100) / 100);
        quote.netPremium = Math.round((quote.premium - quote.aptc) * 100) / 100;
      }
      const submittedAt = now();
      const coverage = coverageStart(planYear, submittedAt);
      const confirmationNumber = newConfirmationNumber();
      const draft: Enrollment = {
        confirmationNumber,
        householdId: application.id,
        issuerId: quote.issuerId,
        planId: quote.planId,
        metal: quote.metal,
        planYear,
        effectiveDate: coverage.effectiveDate,
        endDate: coverage.endDate,
        state: household.state,
        countyFips: household.countyFips,
        zip: household.zip,
        city: household.city,
        street: household.street,
        phone: household.phone,
        ratingArea: eligibility.ratingArea,
        premium: quote.premium,
        aptc: quote.aptc,
        // Federal CSR payments to insurers stopped in October 2017: CSR AMT is reported as zero.
        csrAmount: 0,
        otherPayment: 0,
        owed: quote.netPremium,
        submittedAt: submittedAt.toISOString(),
        // Members Medicaid/CHIP covers are not enrolled; the others keep their application position in their member id.
        members: household.members
          .map((m, i) => ({ ...m, memberId: `${confirmationNumber}-${i + 1}`, premium: quote.memberPremiums[i] ?? 0 }))
          .filter((_, i) => !eligibility.medicaidMembers[i]),
      };
      const copies = deps.copiesOf?.(confirmationNumber) ?? 1;
      const injected = {
        ...(copies > 1 ? { 'backend.duplicate': 1 } : {}),
        ...(deps.delayedOf?.(confirmationNumber) ? { 'backend.delay': 1 } : {}),
        ...(wrongSubsidy ? { 'exchange.wrongSubsidy': 1 } : {}),
      };
      // Answered only after the group commit that holds it: the confirmation and its outbox row are durable by then.
      const enrollment = await store.confirmEnrollment(draft, application.id, accountId, copies, injected);
      if (enrollment === draft) {
        metrics.enrollmentsConfirmed.inc({ metal: enrollment.metal, issuer: enrollment.issuerId });
        deps.onConfirmed?.();
      }
      res.status(enrollment === draft ? 201 : 200).json(confirmationView(enrollment));
    }),
  );

  app.get(
    '/api/v1/enrollments',
    named('enrollments', (req, res) => {
      res.json({ enrollments: store.enrollmentsOf(accountOf(req)).map(confirmationView) });
    }),
  );

  app.get(
    '/api/v1/enrollments/:confirmationNumber',
    named('enrollment', (req, res) => {
      const id = String(req.params.confirmationNumber);
      const caller = callerFor(req, id);
      const found = store.findEnrollment(id);
      if (!found) throw new HttpError(404, 'no such enrollment');
      requireOwner(found.accountId, caller, found.enrollment.confirmationNumber, 'enrollment');
      res.json(confirmationView(found.enrollment));
    }),
  );

  // Loopback-only operations: the back end's outbox and injected faults (read by the harness after a run), and the
  // fault switches, which the admin token may change during a run.
  mountAdmin(app, { store, faults, adminToken: deps.adminToken, replaceFaults: deps.replaceFaults }, named);

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found: see docs/exchange-api.md for the routes' });
  });

  // Registered last: every error becomes a JSON answer; only our own HttpErrors show their message.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof HttpError) return void res.status(error.status).json({ error: error.message });
    if ((error as { type?: string }).type === 'entity.parse.failed' && hole('exchange.badJsonCrash')) {
      process.stderr.write('exchange: internal error: unparseable JSON body (exchange.badJsonCrash)\n');
      return void res.status(500).json({ error: 'internal error' });
    }
    // The rules throw RangeError for what the catalog does not know (a county or plan it does not serve).
    if (error instanceof RangeError) return void res.status(422).json({ error: error.message });
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return void res.status(status).json({ error: (error as Error).message });
    process.stderr.write(`exchange: internal error: ${(error as Error).stack ?? String(error)}\n`);
    res.status(500).json({ error: 'internal error' });
  });
  return app;
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

/** What the consumer is shown: this is what the load engine records in the client-side ledger. */
function confirmationView(e: Enrollment) {
  return {
    confirmationNumber: e.confirmationNumber,
    effectiveDate: e.effectiveDate,
    planId: e.planId,
    issuerId: e.issuerId,
    metal: e.metal,
    premium: e.premium,
    aptc: e.aptc,
    owed: e.owed,
  };
}
