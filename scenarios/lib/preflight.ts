// setup() helper: fail fast, with a message that says what to do, when the exchange is not there.

import exec from 'k6/execution';
import http from 'k6/http';

export function requireReadyExchange(baseUrl: string): void {
  const response = http.get(`${baseUrl}/readyz`, { tags: { name: 'GET /readyz' }, timeout: '5s' });
  if (response.status !== 200) {
    exec.test.abort(`exchange at ${baseUrl} is not ready (GET /readyz answered ${response.status || response.error}): start it, or set BASE_URL`);
  }
}
