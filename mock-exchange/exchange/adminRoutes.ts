// The exchange's operations endpoints under /admin, answered to loopback clients only: the 834 outbox, the faults
// injected so far, and the fault switches in force, which a holder of the admin token may replace during a run
// (`PUT /admin/faults {"spec": "exchange.latency.eligibility=800ms"}`; an empty spec switches every one off).

import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Express, NextFunction, Request, Response } from 'express';
import { parseFaultSpec } from '../faults/index.ts';
import { isFrontSwitch, type FrontFaults } from './frontFaults.ts';
import type { ExchangeStore } from './store.ts';
import { bearerToken } from './tokens.ts';
import type { Named } from './routeContext.ts';

export interface AdminDeps {
  store: ExchangeStore;
  faults: FrontFaults;
  /** The bearer token that may change fault switches; without one, switches are fixed at start. */
  adminToken?: string;
  /** Puts a validated spec in force everywhere it acts (every worker of a cluster); default: `faults.replace`. */
  replaceFaults?: (spec: string) => Promise<void>;
}

/** The environment variable that carries the admin token into an exchange process (never a flag: process listings show flags). */
export const ADMIN_TOKEN_ENV = 'EXCHANGE_ADMIN_TOKEN';

/** The admin token this process was started with; undefined (switches fixed) when none or empty. */
export const adminTokenFromEnv = (): string | undefined => process.env[ADMIN_TOKEN_ENV] || undefined;

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (::ffff:127.x.x.x). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The `exchange.*` part of a fault set, as spec text. */
function frontSpec(faults: FrontFaults): string {
  return faults.current
    .toString()
    .split(',')
    .filter((item) => isFrontSwitch(item))
    .join(',');
}

export function mountAdmin(app: Express, deps: AdminDeps, named: Named): void {
  app.use('/admin', (req: Request, res: Response, next: NextFunction) => {
    if (isLoopback(req.socket.remoteAddress)) return next();
    res.status(403).json({ error: '/admin answers loopback clients only' });
  });
  app.get(
    '/admin/outbox',
    named('admin', (_req, res) => res.json(deps.store.outboxStatus())),
  );
  app.get(
    '/admin/outbox/pending',
    named('admin', (_req, res) => res.json({ pending: deps.store.pendingEnrollments() })),
  );
  app.get(
    '/admin/injected',
    named('admin', (_req, res) => res.json(deps.store.injectedCounts())),
  );
  app.get(
    '/admin/faults',
    named('admin', (_req, res) => res.json({ spec: frontSpec(deps.faults), switchable: deps.adminToken !== undefined })),
  );
  app.put(
    '/admin/faults',
    named('admin', async (req: Request, res: Response) => {
      if (deps.adminToken === undefined) {
        return void res.status(403).json({ error: `fault switches are fixed: start the exchange with ${ADMIN_TOKEN_ENV} set to change them during a run` });
      }
      if (!sameToken(bearerToken(req.headers.authorization), deps.adminToken)) {
        return void res.status(401).json({ error: 'expected the admin token as Authorization: Bearer <token>' });
      }
      const spec: unknown = req.body?.spec;
      if (typeof spec !== 'string')
        return void res
          .status(400)
          .json({ error: 'spec: expected a string of exchange.* switches, e.g. {"spec":"exchange.latency=250ms"}; "" switches them off' });
      let next;
      try {
        next = parseFaultSpec(spec);
      } catch (error) {
        return void res.status(400).json({ error: (error as Error).message });
      }
      const fixed = [...next.values.keys()].filter((name) => !isFrontSwitch(name));
      if (fixed.length > 0) {
        return void res
          .status(400)
          .json({ error: `${fixed.join(', ')}: only exchange.* switches change during a run; back-end and insurer switches are set at start (--faults)` });
      }
      if (deps.replaceFaults) await deps.replaceFaults(next.toString());
      else deps.faults.replace(next);
      process.stderr.write(`exchange: fault switches now ${frontSpec(deps.faults) || 'off'}\n`);
      res.json({ spec: frontSpec(deps.faults) });
    }),
  );
}
