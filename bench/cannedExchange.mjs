// A canned exchange for bench/engineJourneyCost.ts: answers every route of the enroll journey at once with the
// oracle's expected answers (looked up by the household's email) and helmet's headers; no Express, no store.
// Usage: node bench/cannedExchange.mjs HOUSEHOLDS → prints its port. Loopback only.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const households = new Map();
for (const line of readFileSync(process.argv[2], 'utf8').split('\n'))
  if (line) {
    const h = JSON.parse(line);
    households.set(h.email, h);
  }
const HEADERS = [
  [
    'Content-Security-Policy',
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
];
const apps = [];
const plans = JSON.stringify({
  plans: Array.from({ length: 12 }, (_, i) => ({
    planId: `12345CA00100${String(i).padStart(2, '0')}-01`,
    issuerId: '12345',
    metal: 'silver',
    name: `Plan ${i} of a canned exchange`,
    premium: 512.34 + i,
    aptc: 300.12,
    owed: 212.22 + i,
  })),
});
let n = 0;
function send(res, status, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers = [
    ...HEADERS,
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(Buffer.byteLength(text))],
    ['ETag', `W/"${text.length.toString(16)}-abcdefabcdefabcdef"`],
  ];
  res.writeHead(status, headers.flat());
  res.end(text);
}
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = req.url;
    const m = req.method;
    if (m === 'POST' && url === '/api/v1/waiting-room') return send(res, 200, { admitted: true, sessionId: `sess-${++n}-0123456789abcdef0123456789abcdef` });
    if (m === 'DELETE') return send(res, 204);
    if (m === 'POST' && url === '/api/v1/accounts')
      return send(res, 201, {
        accountId: `acct-${++n}`,
        token: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(String(n)).toString('base64url')}.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl`,
      });
    if (m === 'POST' && url === '/api/v1/applications') {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      apps.push(households.get(body.household.email));
      return send(res, 201, { applicationId: `app-${apps.length - 1}`, status: 'submitted' });
    }
    const app = /^\/api\/v1\/applications\/app-(\d+)\/(\w+)$/.exec(url);
    if (app) {
      const h = apps[Number(app[1])];
      const e = h.expected;
      if (app[2] === 'eligibility')
        return send(res, 200, {
          ratingArea: 'CA-16',
          fplPercent: e.fplPercent,
          result: e.result,
          medicaidMembers: e.medicaidMembers,
          applicablePercent: e.applicablePercent,
          benchmarkPremium: e.benchmarkPremium,
          maxMonthlyCredit: e.aptc,
          csrVariant: e.csrVariant,
        });
      if (app[2] === 'plans') {
        res.writeHead(200, [...HEADERS, ['Content-Type', 'application/json; charset=utf-8'], ['Content-Length', String(plans.length)]].flat());
        return res.end(plans);
      }
      if (app[2] === 'enrollments')
        return send(res, 201, {
          confirmationNumber: `CONF-${app[1].padStart(10, '0')}`,
          effectiveDate: `${e.planYear}-01-01`,
          planId: e.planIdWithVariant,
          issuerId: e.planIdWithVariant.slice(0, 5),
          metal: 'silver',
          premium: e.planPremium,
          aptc: e.aptc,
          owed: e.netPremium,
        });
    }
    send(res, 404, { error: 'not found' });
  });
}).listen(0, '127.0.0.1', function () {
  process.stdout.write(`${this.address().port}\n`);
});
