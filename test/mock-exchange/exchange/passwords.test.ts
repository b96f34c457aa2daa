// Account passwords: scrypt at a cost that is the exchange's parameter (--password-cost), a capacity figure of its own.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher, MAX_SCRYPT_COST } from '../../../mock-exchange/exchange/passwords.ts';
import { startExchange } from '../../../mock-exchange/exchange/server.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';
import { EXCHANGE_MAIN } from '../../../mock-exchange/service/commandLines.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one, at the cost the hash was made with', async () => {
    const cheap = createPasswordHasher(2);
    const stored = await cheap.hash('synthetic-password-1');
    expect(stored).toMatch(/^scrypt\$2\$[\w-]{22}\$[\w-]{43}$/);
    expect(await cheap.verify('synthetic-password-1', stored)).toBe(true);
    expect(await cheap.verify('synthetic-password-2', stored)).toBe(false);
    // A hasher at another cost still verifies an older hash: the cost is read from it.
    expect(await createPasswordHasher(16).verify('synthetic-password-1', stored)).toBe(true);
  });

  it('hashes at a cost above the 32 MiB node:crypto allows by default (2^16 needs 64 MiB)', async () => {
    const stored = await createPasswordHasher(2 ** 16).hash('synthetic-password-1');
    expect(stored.startsWith('scrypt$65536$')).toBe(true);
  });

  it('refuses a cost that is not a power of two from 2 to the maximum, naming it', () => {
    for (const cost of [0, 1, 3, 1000, MAX_SCRYPT_COST * 2, 2.5]) expect(() => createPasswordHasher(cost), String(cost)).toThrow(`scrypt cost ${cost}`);
  });

  // One process, and a cluster whose workers get it from the primary.
  it.each([1, 2])('hashes the accounts of an exchange of %i process(es) at the cost it was started with', async (workers) => {
    const dir = mkdtempSync(join(tmpdir(), 'password-cost-'));
    const exchange = await startExchange({ port: 0, host: '127.0.0.1', dataDir: dir, insurerUrl: 'http://127.0.0.1:9', passwordCost: 8, workers });
    try {
      const url = `http://127.0.0.1:${exchange.port}/api/v1/accounts`;
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `cost-${workers}@example.com`, password: 'synthetic-password-1' }),
      });
      expect(answer.status).toBe(201);
    } finally {
      await exchange.stop();
    }
    const db = new Database(join(dir, 'exchange.sqlite'), { readonly: true });
    try {
      expect(
        db
          .prepare<[], { password: string }>('SELECT password FROM accounts')
          .all()
          .map((r) => r.password.split('$')[1]),
      ).toEqual(['8']);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the exchange --password-cost, and a bad one stops it with exit 2 naming the flag', () => {
    const dir = mkdtempSync(join(tmpdir(), 'password-cost-'));
    try {
      const started = spawnSync(
        process.execPath,
        ['--import', 'tsx', EXCHANGE_MAIN, '--data-dir', dir, '--insurer-url', 'http://127.0.0.1:9', '--password-cost', '1000'],
        { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 30_000 },
      );
      expect(started.status).toBe(2);
      expect(started.stderr).toMatch(/--password-cost 1000: expected scrypt's N, a power of two/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
