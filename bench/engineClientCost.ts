// The engine's HttpClient's own CPU a request, without the network: its Agent replaced by a dispatcher that answers at
// once as undici does (the same handler calls, through undici's UnwrapHandler for a handler of the onRequestStart API),
// with an exchange's 18 response headers and a small JSON body. ROOT is the checkout whose client runs (A/B).
// Usage: node --import tsx bench/engineClientCost.ts ROOT [N]
import { createRequire } from 'node:module';
import { helmetHeaders } from '../mock-exchange/exchange/securityHeaders.ts';
import { REQUESTS } from '../vocabulary/requests.ts';
const [root, nText = '200000'] = process.argv.slice(2);
const require = createRequire(`${root}/package.json`);
const UnwrapHandler = require('undici/lib/handler/unwrap-handler.js');
const { HttpClient } = await import(`${root}/engine/httpClient.ts`);
const { MetricSet } = await import(`${root}/engine/metricSet.ts`);
const HEAD = [
  ...helmetHeaders().set,
  ['Content-Type', 'application/json; charset=utf-8'],
  ['Content-Length', '97'],
  ['ETag', 'W/"61-abcdefabcdefabcdef"'],
  ['Date', 'Wed, 02 Dec 2026 16:00:00 GMT'],
  ['Connection', 'keep-alive'],
  ['Keep-Alive', 'timeout=5'],
].flat();
const BODY = Buffer.from(JSON.stringify({ applicationId: 'app-123456', status: 'submitted', household: 'x'.repeat(40) }));
function rawHeaders() {
  // As undici hands them over: views of the read chunk.
  const chunk = Buffer.from(HEAD.join(''), 'latin1');
  let at = 0;
  return HEAD.map((part) => chunk.subarray(at, (at += part.length)));
}
const client = new HttpClient(new MetricSet(), { connectionsPerOrigin: 8, timeoutMs: 5000 });
(client as any).agent = {
  dispatch(_opts: unknown, handler: object) {
    const h = UnwrapHandler.unwrap(handler);
    h.onConnect(() => undefined);
    h.onHeaders(201, rawHeaders(), () => undefined, 'Created');
    h.onData(BODY);
    h.onComplete([]);
    return true;
  },
};
const n = Number(nText);
let checksum = 0;
const run = async (count: number) => {
  for (let k = 0; k < count; k++) {
    const r = await client.request('POST', 'http://127.0.0.1:8080/api/v1/applications', {
      name: REQUESTS.submitApplication,
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
      body: '{}',
    });
    checksum += r.status + r.body.length;
  }
};
await run(20000);
const t0 = process.cpuUsage();
const w0 = performance.now();
await run(n);
const cpu = process.cpuUsage(t0);
console.log(
  JSON.stringify({
    root,
    requests: n,
    cpuUsPerRequest: +((cpu.user + cpu.system) / n).toFixed(2),
    wallUsPerRequest: +(((performance.now() - w0) * 1000) / n).toFixed(2),
    checksum,
  }),
);
