// The live exchange's admin endpoint for the length of a run: `harness run` gives the exchange a fresh admin token
// and writes where to reach it into the run folder (owner-only), so `harness faults --run DIR` can change its
// fault switches while the run is under way.

import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { runFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';

export interface ExchangeAdmin {
  /** Base URL of the exchange (loopback). */
  url: string;
  /** Bearer token for PUT /admin/faults. */
  token: string;
}

export const newAdminToken = (): string => randomBytes(24).toString('base64url');

export function writeExchangeAdmin(runDir: string, admin: ExchangeAdmin): void {
  writeFileSync(runFile(runDir, 'exchangeAdmin'), `${JSON.stringify(admin)}\n`, { mode: 0o600 });
}

export function readExchangeAdmin(runDir: string): ExchangeAdmin {
  const file = runFile(runDir, 'exchangeAdmin');
  let admin: Partial<ExchangeAdmin>;
  try {
    admin = JSON.parse(readFileSync(file, 'utf8')) as Partial<ExchangeAdmin>;
  } catch (error) {
    throw new UsageError(
      `--run ${runDir}`,
      `a run folder holding ${file} (harness run writes it when the exchange starts)`,
      `Give the folder of a run that is under way (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  if (typeof admin.url !== 'string' || typeof admin.token !== 'string') {
    throw new UsageError(file, 'a JSON object with url and token', 'Rerun: the file is written by harness run and should not be edited.');
  }
  return { url: admin.url, token: admin.token };
}
