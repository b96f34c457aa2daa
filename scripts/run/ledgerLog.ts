// Extracts the client-side ledger from k6's JSON log: each console line that starts with the ledger marker.

import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { LEDGER_LOG_MARKER } from '../../domain/ledger.ts';

/** The ledger entry's JSON text from one k6 log line, or undefined for any other line. */
export function ledgerJsonOf(logLine: string): string | undefined {
  if (!logLine.includes(LEDGER_LOG_MARKER)) return undefined;
  try {
    const record = JSON.parse(logLine) as { msg?: unknown; source?: unknown };
    if (record.source !== 'console' || typeof record.msg !== 'string' || !record.msg.startsWith(LEDGER_LOG_MARKER)) return undefined;
    return record.msg.slice(LEDGER_LOG_MARKER.length);
  } catch {
    return undefined;
  }
}

/** Writes ledger.ndjson; returns how many confirmations it holds. */
export async function extractLedger(k6LogFile: string, ledgerFile: string): Promise<number> {
  const out = createWriteStream(ledgerFile);
  let count = 0;
  if (existsSync(k6LogFile)) {
    for await (const line of createInterface({ input: createReadStream(k6LogFile), crlfDelay: Infinity })) {
      const json = ledgerJsonOf(line);
      if (json === undefined) continue;
      if (!out.write(`${json}\n`)) await once(out, 'drain');
      count += 1;
    }
  }
  out.end();
  await once(out, 'finish');
  return count;
}
