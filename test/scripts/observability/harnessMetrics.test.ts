// The harness's own /metrics on loopback: the reconciliation figures and the nemesis events, as Prometheus scrapes them.

import { afterEach, describe, expect, it } from 'vitest';
import { startHarnessMetrics, type HarnessMetricsEndpoint } from '../../../scripts/observability/harnessMetrics.ts';
import { HARNESS_METRICS } from '../../../vocabulary/metrics/harness.ts';

let endpoint: HarnessMetricsEndpoint | undefined;
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

const scrape = async (port: number): Promise<string> => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

describe('startHarnessMetrics', () => {
  it('serves the reconciliation figures and the nemesis events with their labels, and nothing but /metrics', async () => {
    endpoint = await startHarnessMetrics();
    endpoint.publish({ confirmed: 10, intact: 8, classes: { lost: 2, garbled: 0 } });
    endpoint.nemesis('kill-exchange', true);
    const text = await scrape(endpoint.port);
    expect(text).toContain(`${HARNESS_METRICS.enrollmentsConfirmed} 10`);
    expect(text).toContain(`${HARNESS_METRICS.enrollmentsIntact} 8`);
    expect(text).toContain(`${HARNESS_METRICS.reconciliationRecords}{class="intact"} 8`);
    expect(text).toContain(`${HARNESS_METRICS.reconciliationRecords}{class="lost"} 2`);
    expect(text).toContain(`${HARNESS_METRICS.nemesisEvents}{kind="kill-exchange"} 1`);
    expect(text).toContain(`${HARNESS_METRICS.nemesisActive}{kind="kill-exchange"} 1`);
    expect(text).toMatch(new RegExp(`# HELP ${HARNESS_METRICS.enrollmentsIntact} Enrollments the insurer received intact`));
    endpoint.nemesis('kill-exchange', false);
    expect(await scrape(endpoint.port)).toContain(`${HARNESS_METRICS.nemesisActive}{kind="kill-exchange"} 0`);
    expect((await fetch(`http://127.0.0.1:${endpoint.port}/other`)).status).toBe(404);
  });
});
