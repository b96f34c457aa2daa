// Every query of every panel of every dashboard, as plain records a verifier can run against a Prometheus once the
// Grafana variables are substituted (`harness dashboards verify` does; so do the tests).

import type { Dashboard, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Targets } from '../vocabulary/targets.ts';
import { buildDashboards } from './catalog.ts';

export interface PanelQuery {
  dashboard: string;
  dashboardUid: string;
  panel: string;
  refId: string;
  /** PromQL with Grafana variables left in: `$testid`, `$__rate_interval`, `$__interval`, `$__range`. */
  expr: string;
}

/** The panels that show data, rows unfolded, in layout order. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((p) => (p.type === 'row' ? (p as RowPanel).panels : [p as Panel]));
}

export function listQueries(dashboards: readonly Dashboard[]): PanelQuery[] {
  return dashboards.flatMap((d) =>
    panelsOf(d).flatMap((panel) =>
      (panel.targets ?? []).map((target) => {
        const { expr, refId } = target as { expr?: unknown; refId?: unknown };
        if (typeof expr !== 'string') throw new Error(`dashboard ${d.uid}, panel "${panel.title}": a query without a PromQL expr`);
        return { dashboard: d.title ?? d.uid ?? '', dashboardUid: d.uid ?? '', panel: panel.title ?? '', refId: typeof refId === 'string' ? refId : '', expr };
      }),
    ),
  );
}

/** Every panel query of the harness's dashboards built for these targets. */
export function allPanelQueries(targets: Targets): PanelQuery[] {
  return listQueries(buildDashboards(targets).map((b) => b.dashboard));
}

export interface QueryVariables {
  /** The run id. */
  testid: string;
  /** Prometheus durations, e.g. `1m`, `15s`, `10m`. */
  rateInterval: string;
  interval: string;
  range: string;
}

const VARIABLE = /\$(testid|__rate_interval|__interval|__range)\b/g;

/** Replaces the Grafana variables the dashboards use; any other `$variable` left in is an error naming it. */
export function substituteVariables(expr: string, vars: QueryVariables): string {
  const values: Record<string, string> = { testid: vars.testid, __rate_interval: vars.rateInterval, __interval: vars.interval, __range: vars.range };
  const out = expr.replace(VARIABLE, (_, name: string) => values[name]!);
  const left = /\$\{?[A-Za-z_]\w*/.exec(out);
  if (left) throw new Error(`substituteVariables: ${left[0]} in \`${expr}\` has no value; expected only $testid, $__rate_interval, $__interval and $__range`);
  return out;
}
