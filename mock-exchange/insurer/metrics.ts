// The insurer's Prometheus metrics on a registry passed in (never the global one).

import { Counter, type Registry } from 'prom-client';
import { LAYOUTS } from '../../domain/edi834/vocabulary.ts';
import { httpMetrics } from '../service/httpMetrics.ts';
import { collectProcessMetrics } from '../service/processMetrics.ts';
import { INSURER_DEFAULT_METRICS_PREFIX } from '../../vocabulary/metrics/process.ts';
import type { ReceiveOutcome } from './receive834.ts';
import { INSURER_DURATION_BUCKETS_SECONDS, INSURER_LABELS as L, INSURER_METRICS as M } from '../../vocabulary/metrics/insurer.ts';

const REJECTED_OUTCOMES: ReceiveOutcome[] = ['rejected', 'envelopeRejected'];

export function createInsurerMetrics(registry: Registry) {
  collectProcessMetrics(registry, INSURER_DEFAULT_METRICS_PREFIX);
  const registers = [registry];
  const metrics = {
    ...httpMetrics(registry, { names: M, labels: L, buckets: INSURER_DURATION_BUCKETS_SECONDS }),
    interchangesReceived: new Counter({ name: M.interchangesReceived, help: '834 interchanges received (including re-sent ones)', registers }),
    interchangesAccepted: new Counter({
      name: M.interchangesAccepted,
      help: '834 interchanges answered with an accepting or partially accepting 999',
      registers,
    }),
    interchangesRejected: new Counter({ name: M.interchangesRejected, help: '834 interchanges rejected by 999 or TA1', labelNames: [L.outcome], registers }),
    interchangesResent: new Counter({ name: M.interchangesResent, help: '834 interchanges received again with a control number already seen', registers }),
    interchangesByLayout: new Counter({
      name: M.interchangesByLayout,
      help: '834 interchanges read, by how loop 2750 was written: exchange (REF*9V/9X/17 with DTP*007) or legacy (all REF*9X)',
      labelNames: [L.layout],
      registers,
    }),
    transactions: new Counter({ name: M.transactions, help: '834 transaction sets by 999 status', labelNames: [L.status], registers }),
    membersStored: new Counter({ name: M.membersStored, help: 'Member records newly stored', registers }),
    faultsInjected: new Counter({ name: M.faultsInjected, help: 'Fault switches that took effect, by switch name', labelNames: [L.fault], registers }),
  };
  // Rejections exist from the start at zero, so "none rejected" is a 0 on a graph, not a gap.
  for (const outcome of REJECTED_OUTCOMES) metrics.interchangesRejected.inc({ [L.outcome]: outcome }, 0);
  for (const layout of LAYOUTS) metrics.interchangesByLayout.inc({ [L.layout]: layout }, 0);
  return metrics;
}

export type InsurerMetrics = ReturnType<typeof createInsurerMetrics>;
