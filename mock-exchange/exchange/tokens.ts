// Bearer tokens: HMAC-signed account id and expiry, so any exchange process can verify them without shared state.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a presented token is: genuine and current, genuine but past its expiry, or not signed by this exchange. */
export interface TokenReading {
  accountId: string;
  status: 'valid' | 'expired' | 'forged';
}

export interface TokenIssuer {
  /** `ttlMs` shortens the token's life below the issuer's (a client may ask for a short-lived token). */
  issue(accountId: string, nowMs?: number, ttlMs?: number): { token: string; expiresAt: string };
  /** The account id, or undefined for a missing, forged or expired token. */
  verify(token: string | undefined, nowMs?: number): string | undefined;
  /** The account a token claims and whether it holds; undefined when there is no token or it is not shaped like one. */
  read(token: string | undefined, nowMs?: number): TokenReading | undefined;
}

export function createTokenIssuer(secret: Buffer = randomBytes(32), ttlMs = 30 * 60_000): TokenIssuer {
  const sign = (payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');
  const read = (token: string | undefined, nowMs = Date.now()): TokenReading | undefined => {
    if (!token) return undefined;
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [accountId, expires, signature] = parts as [string, string, string];
    const expected = Buffer.from(sign(`${accountId}.${expires}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { accountId, status: 'forged' };
    return { accountId, status: Number(expires) > nowMs ? 'valid' : 'expired' };
  };
  return {
    issue(accountId, nowMs = Date.now(), askedTtlMs = ttlMs) {
      const expires = nowMs + Math.min(askedTtlMs, ttlMs);
      const payload = `${accountId}.${expires}`;
      return { token: `${payload}.${sign(payload)}`, expiresAt: new Date(expires).toISOString() };
    },
    verify(token, nowMs = Date.now()) {
      const reading = read(token, nowMs);
      return reading?.status === 'valid' ? reading.accountId : undefined;
    },
    read,
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/** The signing key kept in the data folder, so tokens survive a restart (and a kill -9) of the exchange. */
export function persistentSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file);
  const secret = randomBytes(32);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
