// Who may do what on the exchange: bearer tokens, ownership of applications and enrollments, and request bodies
// checked against their schemas. The vulnerable modes (docs/faults.md, what the `security` profile must catch) are
// holes in exactly these checks, so they live here and nowhere else.

import type { z } from 'zod';
import type { PlanYear } from '../../domain/household.ts';
import type { VulnerableSwitch } from '../faults/index.ts';
import type { FrontFaults } from './frontFaults.ts';
import { HttpError } from './httpError.ts';
import type { ApiRequest } from './routeContext.ts';
import { describeIssues, type HouseholdInput } from './schemas.ts';
import type { ExchangeStore } from './store.ts';
import { bearerToken, type TokenIssuer } from './tokens.ts';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `unchecked(body)` (exchange.noInputValidation): a JSON object that fails the schema passes anyway, its fields unchecked. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, unchecked: () => boolean = () => false): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  if (isPlainObject(body) && unchecked()) return body as T;
  throw new HttpError(400, describeIssues(parsed.error));
}

export interface AccessDeps {
  store: ExchangeStore;
  tokens: TokenIssuer;
  faults: FrontFaults;
  /** Counts what the faults injected, for reconciliation's `injected`. */
  countInjected?: (fault: string) => void;
}

export function createAccess(deps: AccessDeps) {
  const { store, tokens, faults } = deps;

  /** True when the vulnerable mode `name` opens its hole for this key (counted as injected). */
  const hole = (name: VulnerableSwitch, key?: string): boolean => {
    if (!faults.hole(name, key)) return false;
    deps.countInjected?.(name);
    return true;
  };

  const bodyOf = <T>(schema: z.ZodType<T>, body: unknown): T => parseBody(schema, body, () => hole('exchange.noInputValidation'));

  const accountOf = (req: Pick<ApiRequest, 'get'>): string => {
    const reading = tokens.read(bearerToken(req.get('authorization')));
    if (reading?.status === 'valid') return reading.accountId;
    if (reading?.status === 'expired' && hole('exchange.acceptExpiredTokens', reading.accountId)) return reading.accountId;
    if (reading?.status === 'forged' && hole('exchange.acceptForgedTokens', reading.accountId)) return reading.accountId;
    throw new HttpError(401, 'a valid bearer token is required: create an account and send Authorization: Bearer <token>');
  };

  /** The caller's account; undefined when exchange.skipAuthentication serves this resource to a request with no token. */
  const callerFor = (req: Pick<ApiRequest, 'get'>, resourceId: string): string | undefined =>
    req.get('authorization') === undefined && hole('exchange.skipAuthentication', resourceId) ? undefined : accountOf(req);

  /** Another account's resource is reported as absent, exactly as a missing one, so ids cannot be probed. */
  const requireOwner = (ownerId: string, caller: string | undefined, resourceId: string, what: string): void => {
    if (caller === undefined || ownerId === caller) return;
    if (faults.skipOwnershipCheck(resourceId)) return void deps.countInjected?.('exchange.skipOwnershipCheck');
    if (hole('exchange.revealForeignIds', resourceId)) throw new HttpError(403, `this ${what} belongs to another account`);
    throw new HttpError(404, `no such ${what}`);
  };

  /** The application of the request's `:applicationId`, if the caller may see it. */
  const ownApplication = (req: ApiRequest) => {
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

  /** The enrollment of a confirmation number, if the caller may see it. */
  const ownEnrollment = (req: Pick<ApiRequest, 'get'>, confirmationNumber: string) => {
    const caller = callerFor(req, confirmationNumber);
    const found = store.findEnrollment(confirmationNumber);
    if (!found) throw new HttpError(404, 'no such enrollment');
    requireOwner(found.accountId, caller, found.enrollment.confirmationNumber, 'enrollment');
    return found.enrollment;
  };

  return { hole, bodyOf, accountOf, ownApplication, ownEnrollment };
}

export type Access = ReturnType<typeof createAccess>;
