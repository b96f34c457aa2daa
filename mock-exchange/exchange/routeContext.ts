// What every route module of the exchange mounts with: the app, its dependencies, access control, and `named`, which
// gives a handler its route name (the metrics' label) and its fault switches.

import type { Express, Request, Response } from 'express';
import type { ExchangeRoute, OperationalRoute } from '../../vocabulary/routes.ts';
import type { Access } from './access.ts';
import type { ExchangeDeps } from './app.ts';
import type { FrontFaults } from './frontFaults.ts';
import type { PasswordHasher } from './passwords.ts';

export type Named = (
  route: ExchangeRoute | OperationalRoute,
  handler: (req: Request, res: Response) => unknown,
) => (req: Request, res: Response) => Promise<void>;

export interface RouteContext {
  app: Express;
  deps: ExchangeDeps;
  access: Access;
  named: Named;
  faults: FrontFaults;
  passwords: PasswordHasher;
  /** The exchange's clock. */
  now: () => Date;
}
