// Shared panel defaults: every panel reads the `$datasource` Prometheus, letters its queries A, B, C…, and draws
// targets from targets.yaml as dashed threshold lines instead of extra queries.

import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** The dashboards' `datasource` variable; every panel and query points at it. */
export const PROMETHEUS_DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

export interface QuerySpec {
  expr: string;
  /** Grafana legend, e.g. `{{route}}` or `p95`. */
  legend: string;
}

export const query = (expr: string, legend: string): QuerySpec => ({ expr, legend });

/** A value drawn on the panel: a target, a limit or an objective. */
export type LineColor = 'red' | 'orange' | 'green';

/** A value drawn on the panel (a target, a limit, an objective); values at or above it take its colour. */
export interface Line {
  value: number;
  color: LineColor;
}

export interface PanelSpec {
  title: string;
  /** What the panel shows and how to read it; shown under the panel's (i) icon. */
  description: string;
  unit: string;
  queries: QuerySpec[];
  lines?: Line[];
  /** Colour below the lowest line (default green: lines mark what is too high). */
  baseColor?: LineColor;
  min?: number;
  max?: number;
  /** Grid columns out of 24 (default 12). */
  span?: number;
}

function promQuery(spec: QuerySpec, index: number): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .editorMode(prometheus.QueryEditorMode.Code)
    .expr(spec.expr)
    .legendFormat(spec.legend)
    .refId(String.fromCharCode(65 + index))
    .range();
}

function thresholds(lines: Line[], base: string): dashboard.ThresholdsConfigBuilder {
  const steps: dashboard.Threshold[] = [{ value: null, color: base }, ...[...lines].sort((a, b) => a.value - b.value)];
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

/** What every panel takes from its spec: title, description, the Prometheus datasource, unit, size, queries, min and max. */
function fromSpec<Panel extends timeseries.PanelBuilder | stat.PanelBuilder>(panel: Panel, spec: PanelSpec, size: { span: number; height: number }): Panel {
  panel
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS_DATASOURCE)
    .unit(spec.unit)
    .span(spec.span ?? size.span)
    .height(size.height)
    .targets(spec.queries.map(promQuery));
  if (spec.min !== undefined) panel.min(spec.min);
  if (spec.max !== undefined) panel.max(spec.max);
  return panel;
}

export function timeseriesPanel(spec: PanelSpec): timeseries.PanelBuilder {
  const panel = fromSpec(new timeseries.PanelBuilder(), spec, { span: 12, height: 8 })
    .lineWidth(1)
    .fillOpacity(10)
    .showPoints(common.VisibilityMode.Never)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending));
  if (spec.lines && spec.lines.length > 0) {
    panel
      .thresholds(thresholds(spec.lines, spec.baseColor ?? 'green'))
      .thresholdsStyle(new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Dashed));
  }
  return panel;
}

/** One number per query over the dashboard's time range (the last value), coloured by `lines`. */
export function statPanel(spec: PanelSpec): stat.PanelBuilder {
  return fromSpec(new stat.PanelBuilder(), spec, { span: 6, height: 5 })
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .colorMode(common.BigValueColorMode.Value)
    .graphMode(common.BigValueGraphMode.Area)
    .textMode(common.BigValueTextMode.ValueAndName)
    .thresholds(thresholds(spec.lines ?? [], spec.lines && spec.lines.length > 0 ? (spec.baseColor ?? 'green') : 'text'));
}
