// Anonymous plan browsing is the busiest page of an open-enrollment day and the same for everyone in a ZIP with the
// same ages, so the exchange answers it from a cache of serialized answers ahead of Express (as a real exchange would
// from a cache or CDN). The cache is bounded in bytes and evicts the least recently used answer; its size is a gauge,
// so that a soak tells its filling (new ZIP-and-ages pairs, up to the bound) from a leak. Only a well-formed request the cache can answer is served here, with the same
// security headers and the same RED metrics as every other route; anything else — a bad parameter, an unknown ZIP,
// fault switches or a rate limit in force — falls through to the Express app and its usual answers.

import type { PlanYear } from '../../domain/household.ts';
import type { FastPath } from './fastPaths.ts';
import type { ExchangeMetrics } from './metrics.ts';
import type { ExchangeRules } from './rules.ts';
import { browseQuerySchema } from './schemas.ts';
import { helmetHeaders } from './securityHeaders.ts';
import type { ExchangeRoute } from '../../vocabulary/routes.ts';

export const BROWSE_PATH = '/api/v1/plans';
export const BROWSE_ROUTE = 'browse' satisfies ExchangeRoute;
/** The answers' bytes the cache holds at most: about 8,700 answers of a typical 1.9 kB. */
export const MAX_CACHED_BYTES = 16 * 1024 * 1024;

/** A cached answer: the body and the whole header list, flat (`[name, value, name, value, …]`) for `writeHead`. */
interface Answer {
  body: Buffer;
  head: string[];
}

/** A buffer of its own for a long-lived answer: a slice of Node's shared pool would keep the whole 8 kB slab alive. */
function ownBuffer(text: string): Buffer {
  const body = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  body.write(text);
  return body;
}

export function createBrowseFastPath(
  rules: ExchangeRules,
  metrics: Pick<ExchangeMetrics, 'httpRequests' | 'httpDuration' | 'browseCacheBytes'>,
  maxCachedBytes = MAX_CACHED_BYTES,
): FastPath {
  const cache = new Map<string, Answer>(); // in order of last use, least recent first
  let cachedBytes = 0;
  const securityHeaders = helmetHeaders().set.flat();
  // The label sets are fixed, so their children are looked up once rather than hashed on every request.
  const served = metrics.httpRequests.labels({ route: BROWSE_ROUTE, method: 'GET', status: '200' });
  const timed = metrics.httpDuration.labels({ route: BROWSE_ROUTE, method: 'GET' });

  function answerFor(search: string): Answer | undefined {
    const cached = cache.get(search);
    if (cached) {
      cache.delete(search);
      cache.set(search, cached);
      return cached;
    }
    const parsed = browseQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(search)));
    if (!parsed.success) return undefined;
    const q = parsed.data;
    let body: Buffer;
    try {
      body = ownBuffer(JSON.stringify(rules.browse(q.zip, q.countyFips, q.ages, q.planYear as PlanYear)));
    } catch {
      return undefined; // an unknown ZIP: Express answers it with its usual 422
    }
    const answer = { body, head: [...securityHeaders, 'content-type', 'application/json; charset=utf-8', 'content-length', String(body.length)] };
    if (body.length > maxCachedBytes) return answer; // served, never kept
    for (const [key, old] of cache) {
      if (cachedBytes + body.length <= maxCachedBytes) break;
      cache.delete(key);
      cachedBytes -= old.body.length;
    }
    cache.set(search, answer);
    cachedBytes += body.length;
    metrics.browseCacheBytes.set(cachedBytes);
    return answer;
  }

  return {
    handle(req, res) {
      if (req.method !== 'GET' || !req.url?.startsWith(`${BROWSE_PATH}?`)) return false;
      const started = performance.now();
      const answer = answerFor(req.url.slice(BROWSE_PATH.length + 1));
      if (!answer) return false;
      // Answered synchronously, so the in-flight gauge would rise and fall within this call: no scrape could see it.
      res.writeHead(200, answer.head);
      res.end(answer.body);
      timed.observe((performance.now() - started) / 1000);
      served.inc();
      return true;
    },
  };
}
