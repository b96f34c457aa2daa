// docs/metrics.md must list every metric the code defines: a new metric without documentation fails here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_METRICS } from '../../vocabulary/metrics/exchange.ts';
import { INSURER_METRICS } from '../../vocabulary/metrics/insurer.ts';
import { RED_RECORDS, RED_QUANTILES } from '../../dashboards/prometheus/redRules.ts';
import { sloSpecs } from '../../dashboards/prometheus/sloRules.ts';
import { METRIC_NAMES } from '../../vocabulary/metrics/journeys.ts';
import { HARNESS_METRICS } from '../../vocabulary/metrics/harness.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';
import { loadTargets } from '../../scripts/targets/load.ts';

const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'metrics.md'), 'utf8');
const specs = sloSpecs(loadTargets());

describe('docs/metrics.md', () => {
  it.each([...Object.values(EXCHANGE_METRICS), ...Object.values(INSURER_METRICS), ...Object.values(METRIC_NAMES), ...Object.values(HARNESS_METRICS)])(
    'documents %s',
    (name) => {
      expect(doc).toContain(`\`${name}\``);
    },
  );
  it.each([RED_RECORDS.requestRate, RED_RECORDS.errorRatio, RED_RECORDS.durationQuantile(RED_QUANTILES[0])])('documents the recorded series %s', (name) => {
    expect(doc).toContain(`\`${name}\``);
  });
  it.each(specs.map((s) => [s.alert, s.record(300).replace(/5m$/, '<window>')]))('documents the alert %s and its recorded ratio %s', (alert, record) => {
    expect(doc).toContain(`\`${alert}\``);
    expect(doc).toContain(`\`${record}\``);
  });
});
