// Password hashing for consumer accounts: scrypt from node:crypto, run on libuv's thread pool so the event loop
// stays free. The cost is a capacity figure in its own right (every account creation and login pays it), so it is
// a parameter; the default is deliberately light for a load-test mock and says so.

import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt N: 2^8 costs about 0.5 ms of CPU on the reference machine (2^10 about 2.7 ms); production guidance is 2^17. */
export const DEFAULT_SCRYPT_COST = 256;
/** The largest N the exchange accepts: 2^20 (1 GiB of memory a hash at r = 8), past any guidance. */
export const MAX_SCRYPT_COST = 2 ** 20;
const KEY_BYTES = 32;
const BLOCK_SIZE = 8;

function scrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export interface PasswordHasher {
  /** `scrypt$N$salt$hash`, salt and hash in base64url. */
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export function createPasswordHasher(cost = DEFAULT_SCRYPT_COST): PasswordHasher {
  if (!isScryptCost(cost)) throw new Error(`scrypt cost ${cost}: expected a power of two from 2 to ${MAX_SCRYPT_COST}`);
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scrypt(password, salt, options(cost));
      return `scrypt$${cost}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, stored) {
      const [scheme, n, salt, hash] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
      const expected = Buffer.from(hash, 'base64url');
      const key = await scrypt(password, Buffer.from(salt, 'base64url'), options(Number(n)));
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}

export function isScryptCost(cost: number): boolean {
  return Number.isInteger(cost) && cost >= 2 && cost <= MAX_SCRYPT_COST && (cost & (cost - 1)) === 0;
}

/** Node's own limit on scrypt's memory. */
const NODE_SCRYPT_MAXMEM = 32 * 1024 * 1024;

/** scrypt needs a little over 128·N·r bytes: Node refuses above 32 MiB unless told, which production's 2^17 (128 MiB) exceeds. */
function options(cost: number): ScryptOptions {
  return { N: cost, r: BLOCK_SIZE, p: 1, maxmem: Math.max(NODE_SCRYPT_MAXMEM, 2 * 128 * cost * BLOCK_SIZE) };
}
