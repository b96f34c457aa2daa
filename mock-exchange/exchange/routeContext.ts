// What every route module of the exchange is built with: its dependencies, access control, and `named`, which gives
// a handler its route name (the metrics' label) and its fault switches. Handlers see a narrow request and response
// (ApiRequest, ApiResponse) that Express's objects satisfy and so does the journey fast path's adapter over node:http,
// so one handler serves both (journeyFastPath.ts).

import type { RouteName } from '../../vocabulary/routes.ts';
import type { Access } from './access.ts';
import type { ExchangeDeps } from './app.ts';
import type { FrontFaults } from './frontFaults.ts';
import type { PasswordHasher } from './passwords.ts';

/** What a route handler reads of a request. */
export interface ApiRequest {
  /** The parsed JSON body; undefined when the request had none. */
  readonly body?: unknown;
  readonly params: Readonly<Record<string, string | string[]>>;
  /** A header by name, any case. */
  get(header: string): string | undefined;
}

/** What a route handler does with its response. */
export interface ApiResponse {
  /** `route`: the route's name, the RED metrics' label. */
  readonly locals: Record<string, unknown>;
  status(code: number): ApiResponse;
  /** A header sent ahead of the answer (Retry-After): one the security headers and the JSON's own do not set. */
  set(field: string, value: string): ApiResponse;
  json(body: unknown): unknown;
  /** An answer with no body (a 204). */
  end(): unknown;
}

/** Fault switches act only on the consumer pages (ExchangeRoute): the other routes answer whatever is injected. */
export type Named = <Q extends ApiRequest, S extends ApiResponse>(route: RouteName, handler: (req: Q, res: S) => unknown) => (req: Q, res: S) => Promise<void>;

/** One route of the consumer journey: mounted on the Express app and served by the journey fast path. */
export interface JourneyRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express's pattern: literal segments and `:name` parameters, nothing else (routeMatcher.ts). */
  path: string;
  /** The handler wrapped by `named`. */
  handle: (req: ApiRequest, res: ApiResponse) => Promise<void>;
  /**
   * Served without a waiting-room session: the waiting room's own routes, through which one gets a session. The
   * journey fast path skips its admission check for them; Express mounts them ahead of requireAdmission.
   */
  open?: true;
}

export interface RouteContext {
  deps: ExchangeDeps;
  access: Access;
  named: Named;
  faults: FrontFaults;
  passwords: PasswordHasher;
  /** The exchange's clock. */
  now: () => Date;
}
