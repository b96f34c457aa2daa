// A canned exchange for bench/engineJourneyCost.ts: answers every route of the enroll journey at once with the
// oracle's expected answers (looked up by the household's email) and helmet's headers; no Express, no store.
// Usage: node --import tsx bench/cannedExchange.ts HOUSEHOLDS → prints its port. Loopback only.
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { helmetHeaders } from '../mock-exchange/exchange/securityHeaders.ts';
/** A household as engineJourneyCost.ts writes it: the e-mail it applies with and the oracle's expected answers. */
interface CannedHousehold {
  email: string;
  expected: Record<string, unknown> & { planYear: number; planIdWithVariant: string };
}
const households = new Map<string, CannedHousehold>();
for (const line of readFileSync(process.argv[2]!, 'utf8').split('\n'))
  if (line) {
    const h = JSON.parse(line) as CannedHousehold;
    households.set(h.email, h);
  }
const HEADERS = helmetHeaders().set;
const apps: (CannedHousehold | undefined)[] = [];
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
function send(res: ServerResponse, status: number, body?: unknown): void {
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
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = req.url ?? '';
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
      if (!h) return send(res, 404, { error: 'no such application' });
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
          confirmationNumber: `CONF-${app[1]!.padStart(10, '0')}`,
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
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
