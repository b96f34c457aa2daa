// The engine's Prometheus names: one suffix per kind, names and labels Prometheus accepts, none colliding with the
// harness's own /metrics, and every one listed in docs/engine-metrics.md.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGINE_METRICS } from '../../../vocabulary/metrics/engine.ts';
import { ENGINE_METRIC_KINDS, ENGINE_SERIES, labelName, metricName, prometheusSeries } from '../../../vocabulary/metrics/prometheusNames.ts';
import { HARNESS_METRICS } from '../../../vocabulary/metrics/harness.ts';
import { PROJECT_ROOT } from '../../../scripts/projectRoot.ts';

const seriesNames = Object.values(ENGINE_SERIES).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)));

describe('engine metric names in Prometheus', () => {
  it('gives each kind its suffix and type', () => {
    expect(prometheusSeries('http_reqs', 'counter')).toEqual([{ name: 'harness_http_reqs_total', type: 'counter' }]);
    expect(prometheusSeries('active_users', 'gauge')).toEqual([{ name: 'harness_active_users', type: 'gauge' }]);
    expect(prometheusSeries('http_req_duration', 'trend')).toEqual([{ name: 'harness_http_req_duration_seconds', type: 'native histogram' }]);
    expect(prometheusSeries('checks', 'rate')).toEqual([
      { name: 'harness_checks_samples_total', type: 'counter' },
      { name: 'harness_checks_true_total', type: 'counter' },
    ]);
  });

  it('maps every engine metric, by its kind', () => {
    for (const [key, name] of Object.entries(ENGINE_METRICS)) {
      const kind = ENGINE_METRIC_KINDS[key as keyof typeof ENGINE_METRICS];
      const mapped = ENGINE_SERIES[key as keyof typeof ENGINE_SERIES];
      expect(typeof mapped === 'string' ? [mapped] : Object.values(mapped)).toEqual(prometheusSeries(name, kind).map((s) => s.name));
    }
  });

  it('makes names and labels Prometheus accepts out of anything a journey calls its metrics and tags', () => {
    expect(metricName('marketplace enrollments/confirmed')).toBe('marketplace_enrollments_confirmed');
    expect(metricName('9lives')).toBe('_9lives');
    expect(labelName('step-name')).toBe('step_name');
    expect(labelName('1st')).toBe('_1st');
    expect(labelName('__name__')).toBe('tag__name__');
    for (const name of seriesNames) expect(name).toMatch(/^harness_[a-zA-Z_:][a-zA-Z0-9_:]*$/);
  });

  it('collides with none of the harness’s own /metrics names', () => {
    for (const name of Object.values(HARNESS_METRICS)) expect(seriesNames).not.toContain(name);
  });

  it('lists every series in docs/engine-metrics.md', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'engine-metrics.md'), 'utf8');
    for (const name of seriesNames) expect(doc).toContain(`\`${name}\``);
  });
});
