// summary.md is read after the run, when the run's own Prometheus has stopped: it says where the data is kept and
// how to open it, never the dead loopback URL the run printed while it was on.

import { describe, expect, it } from 'vitest';
import { keptDataText } from '../../../scripts/run/runMetrics.ts';
import { verdictMarkdown } from '../../../verdict/render.ts';
import { verdictOf } from '../../../verdict/verdict.ts';

describe('where the metrics are after the run', () => {
  it('names the run folder prometheus/data and the command that opens it, with no URL', () => {
    const text = keptDataText('run-7', undefined);
    expect(text).toContain("the run folder's `prometheus/data`");
    expect(text).toContain('`prometheus --storage.tsdb.path=prometheus/data --config.file=/dev/null --enable-feature=native-histograms`');
    expect(text).toContain('testid `run-7`');
    expect(text).toContain('harness dashboards verify --run');
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('names a data folder chosen with --prometheus-data', () => {
    expect(keptDataText('run-7', '/srv/tsdb')).toMatch(
      /kept in `\/srv\/tsdb` \(--prometheus-data; runs apart by testid\)\. Open it from the run folder with `prometheus --storage\.tsdb\.path=\/srv\/tsdb /,
    );
  });

  it('leaves no link in summary.md', () => {
    const summary = verdictMarkdown(verdictOf('smoke', 'run-7', [{ name: 'load run', target: 'completed (exit 0)', actual: 'completed', pass: true }]), {
      metrics: keptDataText('run-7', undefined),
    });
    expect(summary).toContain('- **metrics**: recorded by the run');
    expect(summary).not.toMatch(/https?:\/\/|\]\(/);
  });
});
