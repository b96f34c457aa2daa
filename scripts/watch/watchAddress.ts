// Where `--watch` serves: 127.0.0.1 only (a run's page is for the person at this machine, never for the network),
// on the port given, or a free one (0, or the option given bare). Pure.

import { UsageError } from '../../vocabulary/errors.ts';

export const WATCH_HOST = '127.0.0.1';
/** Names of this machine's loopback a user may write before the port; anything else is refused. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost']);

export interface WatchAddress {
  host: typeof WATCH_HOST;
  /** 0: a free port, picked when the server starts (the printed URL says which). */
  port: number;
}

/** `--watch` bare (true), `--watch PORT` or `--watch 127.0.0.1:PORT`. */
export function parseWatchAddress(flag: string, raw: string | true): WatchAddress {
  if (raw === true) return { host: WATCH_HOST, port: 0 };
  const text = raw.trim();
  const colon = text.lastIndexOf(':');
  const host = colon === -1 ? undefined : text.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  const port = colon === -1 ? text : text.slice(colon + 1);
  if (host !== undefined && !LOOPBACK_NAMES.has(host)) {
    throw new UsageError(
      `${flag} ${raw}`,
      `a port on ${WATCH_HOST}`,
      `The live page is served on ${WATCH_HOST} only, never on another address; give ${flag} PORT (0 for a free one), and reach it from elsewhere through an SSH tunnel if you must.`,
    );
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    throw new UsageError(`${flag} ${raw}`, 'a port from 0 to 65535 (0: a free port)', `Give ${flag} a port such as 8023, or ${flag} 0 for a free one.`);
  }
  return { host: WATCH_HOST, port: Number(port) };
}
