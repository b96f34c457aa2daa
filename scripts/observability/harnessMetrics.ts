// The harness's own /metrics endpoint on a loopback port: reconciliation results as gauges, scraped by the run's
// Prometheus like any service, so the back-end dashboard shows defect classes next to the 834 flow.

import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import { HARNESS_LABELS, HARNESS_METRICS } from '../../vocabulary/metrics/harness.ts';

export interface ReconciliationFigures {
  confirmed: number;
  intact: number;
  /** Records per defect class; every class of the reconciliation, zero ones included. */
  classes: Record<string, number>;
}

export interface HarnessMetricsEndpoint {
  port: number;
  publish(figures: ReconciliationFigures): void;
  /** A nemesis event of `kind` starts (counted, active) or ends (not active). */
  nemesis(kind: string, active: boolean): void;
  close(): Promise<void>;
}

export async function startHarnessMetrics(): Promise<HarnessMetricsEndpoint> {
  const registry = new Registry();
  /** A metric of the harness's own, on its registry (not prom-client's global one). */
  const own = <Label extends string>(name: string, help: string, labelNames: Label[] = []) => ({ name, help, labelNames, registers: [registry] });
  const records = new Gauge(
    own(HARNESS_METRICS.reconciliationRecords, 'Records by reconciliation class (intact or a defect class), set once reconciliation has run', [
      HARNESS_LABELS.class,
    ]),
  );
  const confirmed = new Gauge(own(HARNESS_METRICS.enrollmentsConfirmed, 'Enrollments confirmed to simulated consumers (the ledger)'));
  const intact = new Gauge(own(HARNESS_METRICS.enrollmentsIntact, 'Enrollments the insurer received intact'));
  const nemesisEvents = new Counter(own(HARNESS_METRICS.nemesisEvents, 'Process faults the nemesis sent (run --nemesis), by kind', [HARNESS_LABELS.kind]));
  const nemesisActive = new Gauge(
    own(HARNESS_METRICS.nemesisActive, 'A nemesis event under way (1 from its signal until the service answers again), by kind', [HARNESS_LABELS.kind]),
  );
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    publish(figures) {
      confirmed.set(figures.confirmed);
      intact.set(figures.intact);
      records.set({ [HARNESS_LABELS.class]: 'intact' }, figures.intact);
      for (const [name, count] of Object.entries(figures.classes)) records.set({ [HARNESS_LABELS.class]: name }, count);
    },
    nemesis(kind, active) {
      if (active) nemesisEvents.inc({ [HARNESS_LABELS.kind]: kind });
      nemesisActive.set({ [HARNESS_LABELS.kind]: kind }, active ? 1 : 0);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
