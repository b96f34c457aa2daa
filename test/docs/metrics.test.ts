// docs/metrics.md must list every metric the code defines: a new metric without documentation fails here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_METRICS } from '../../mock-exchange/exchange/metricNames.ts';
import { INSURER_METRICS } from '../../mock-exchange/insurer/metricNames.ts';
import { PROJECT_ROOT } from '../../scripts/projectRoot.ts';

const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'metrics.md'), 'utf8');
// scenarios/lib/metrics.ts imports k6 modules, so its names are read from the source text.
const scenarioNames = [...readFileSync(join(PROJECT_ROOT, 'scenarios', 'lib', 'metricNames.ts'), 'utf8').matchAll(/'(marketplace_[a-z_]+)'/g)].map((m) => m[1]!);

describe('docs/metrics.md', () => {
  it.each([...Object.values(EXCHANGE_METRICS), ...Object.values(INSURER_METRICS), ...scenarioNames])('documents %s', (name) => {
    expect(doc).toContain(`\`${name}\``);
  });
  it('found the scenario metrics', () => {
    expect(scenarioNames.length).toBeGreaterThanOrEqual(4);
  });
});
