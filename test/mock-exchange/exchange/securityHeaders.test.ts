// The security headers are helmet's, set by one middleware: every answer carries exactly the headers, in the order
// and with the values, that `app.use(helmet())` gives it — the exchange's own answers included.

import { mkdtempSync, rmSync } from 'node:fs';
import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetHeaders, securityHeaders } from '../../../mock-exchange/exchange/securityHeaders.ts';
import { startExchange, type RunningExchange } from '../../../mock-exchange/exchange/server.ts';

/** The raw header list of an answer (names as sent, in order), without the date and connection headers Node adds. */
function rawHeaders(port: number, path: string): Promise<{ status: number; headers: string[][] }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      const headers: string[][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      const dropped = new Set(['date', 'connection', 'keep-alive']);
      res.on('end', () => resolve({ status: res.statusCode!, headers: headers.filter(([name]) => !dropped.has(name!.toLowerCase())) }));
    }).on('error', reject);
  });
}

/** An app with `headers` as its first middleware, answering JSON, a 404 and an error, as Express does by default otherwise. */
function appWith(headers: RequestHandler, exchangeSettings: boolean): Express {
  const app = express();
  if (exchangeSettings) {
    app.disable('x-powered-by');
    app.set('etag', false);
  }
  app.use(headers);
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/fails', () => {
    throw new Error('boom');
  });
  app.use((_req, res) => void res.status(404).json({ error: 'not found: see docs/exchange-api.md for the routes' }));
  app.use(
    (_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(500).json({ error: 'internal error' }),
  );
  return app;
}

const servers: Server[] = [];
const listen = (app: Express): Promise<number> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    servers.push(server);
  });

let dir: string;
let exchange: RunningExchange;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-security-headers-'));
  exchange = await startExchange({ port: 0, host: '127.0.0.1', dataDir: dir, insurerUrl: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  for (const server of servers) server.close();
  await exchange.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the security headers', () => {
  it('are the ones helmet sets, a dozen of them, and X-Powered-By removed', () => {
    const { set, removed } = helmetHeaders();
    expect(set.map(([name]) => name)).toContain('Content-Security-Policy');
    expect(set.map(([name]) => name)).toContain('Strict-Transport-Security');
    expect(set.length).toBeGreaterThanOrEqual(12);
    expect(removed).toEqual(['X-Powered-By']);
  });

  for (const exchangeSettings of [false, true]) {
    it(`give every answer exactly the headers helmet gives it (${exchangeSettings ? "the exchange's settings" : "Express's defaults"})`, async () => {
      const withHelmet = await listen(appWith(helmet(), exchangeSettings));
      const withCapture = await listen(appWith(securityHeaders(), exchangeSettings));
      for (const path of ['/healthz', '/no-such-route', '/fails']) {
        const [expected, actual] = await Promise.all([rawHeaders(withHelmet, path), rawHeaders(withCapture, path)]);
        expect(actual).toEqual(expected);
      }
    });
  }

  it('are what the exchange sends on the answers Express gives', async () => {
    const reference = await listen(appWith(helmet(), true));
    for (const path of ['/healthz', '/no-such-route']) {
      const [expected, actual] = await Promise.all([rawHeaders(reference, path), rawHeaders(exchange.port, path)]);
      expect(actual).toEqual(expected);
    }
  });
});
