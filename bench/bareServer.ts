// The baseline of the exchange-overhead benchmark: bare node:http answering one constant JSON body, announced like
// the mock services ({"event":"listening",…} on stdout) so the harness starts it the same way. Loopback only.

import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok', plans: [{ planId: '12345AK0010001', metal: 'silver', premium: 512.34 }] });
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address !== 'string') process.stdout.write(`${JSON.stringify({ event: 'listening', service: 'bare', port: address.port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
