// Accounts and logging in: POST /api/v1/accounts, POST /api/v1/sessions.

import { randomUUID } from 'node:crypto';
import { HttpError } from './httpError.ts';
import type { JourneyRoute, RouteContext } from './routeContext.ts';
import { accountSchema, loginSchema } from './schemas.ts';

export function accountRoutes({ deps, access, named, passwords }: RouteContext): JourneyRoute[] {
  const { store, tokens, metrics } = deps;
  return [
    {
      method: 'POST',
      path: '/api/v1/accounts',
      handle: named('account', async (req, res) => {
        const { email, password } = access.bodyOf(accountSchema, req.body);
        const accountId = randomUUID();
        if (!(await store.createAccount({ id: accountId, email, passwordHash: await passwords.hash(password) }))) {
          throw new HttpError(409, 'an account with this e-mail exists: log in with POST /api/v1/sessions');
        }
        metrics.accountsCreated.inc();
        res.status(201).json({ accountId, ...tokens.issue(accountId) });
      }),
    },

    // Logging in: one answer for an unknown e-mail and a wrong password, so accounts cannot be discovered.
    {
      method: 'POST',
      path: '/api/v1/sessions',
      handle: named('login', async (req, res) => {
        const { email, password, ttlSeconds } = access.bodyOf(loginSchema, req.body);
        const account = store.findAccountByEmail(email);
        const valid = account ? await passwords.verify(password, account.passwordHash) : await passwords.hash(password).then(() => false);
        if (!account || !valid) throw new HttpError(401, 'e-mail or password is wrong');
        res.json({ accountId: account.id, ...tokens.issue(account.id, Date.now(), ttlSeconds === undefined ? undefined : ttlSeconds * 1000) });
      }),
    },
  ];
}
