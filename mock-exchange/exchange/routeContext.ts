// What every route module of the exchange is built with: its dependencies, access control, and `named`, which gives
// a handler its route name (the metrics' label) and its fault switches. Handlers see a narrow request and response
// (ApiRequest, ApiResponse) that Express's objects satisfy and so does the journey fast path's adapter over node:http,
// so one handler serves both (journeyFastPath.ts).

import type { ExchangeRoute, OperationalRoute } from '../../vocabulary/routes.ts';
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
  json(body: unknown): unknown;
}

export type Named = <Q extends ApiRequest, S extends ApiResponse>(
  route: ExchangeRoute | OperationalRoute,
  handler: (req: Q, res: S) => unknown,
) => (req: Q, res: S) => Promise<void>;

/** One route of the consumer journey: mounted on the Express app and served by the journey fast path. */
export interface JourneyRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** Express's pattern: literal segments and `:name` parameters, nothing else (routeMatcher.ts). */
  path: string;
  /** The handler wrapped by `named`. */
  handle: (req: ApiRequest, res: ApiResponse) => Promise<void>;
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
