// Shared dashboard defaults: the `datasource` and `testid` variables, links between the harness's dashboards
// (keeping the run and the time range), and panel ids numbered once the panels are laid out.

import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS_DATASOURCE } from './panels.ts';
import { TESTID_LABEL } from './selectors.ts';

/** Every harness dashboard carries this tag; the links menu lists them by it. */
export const DASHBOARD_TAG = 'marketplace-harness';

function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus');
}

/** The run shown: every query selects `testid="$testid"`. Run ids start with their UTC time, so newest sorts first. */
function testidVariable(): dashboard.QueryVariableBuilder {
  const definition = `label_values(${TESTID_LABEL})`;
  return new dashboard.QueryVariableBuilder(TESTID_LABEL)
    .label('Run (testid)')
    .description('The run id, as in results/<run-id>/; the engine labels its series with it and the run’s Prometheus adds it to every scrape.')
    .datasource(PROMETHEUS_DATASOURCE)
    .query(definition)
    .definition(definition)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalDesc)
    .allowCustomValue(true);
}

function linksToTheOthers(): dashboard.DashboardLinkBuilder {
  return new dashboard.DashboardLinkBuilder('Harness dashboards')
    .type(dashboard.DashboardLinkType.Dashboards)
    .tags([DASHBOARD_TAG])
    .asDropdown(true)
    .includeVars(true)
    .keepTime(true)
    .icon('external link')
    .tooltip('')
    .targetBlank(false);
}

export interface DashboardIdentity {
  /** Fixed, so links and bookmarks survive every rebuild. */
  uid: string;
  title: string;
  description: string;
}

export function harnessDashboard(id: DashboardIdentity): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(id.title)
    .uid(id.uid)
    .description(id.description)
    .tags([DASHBOARD_TAG])
    .editable()
    .timezone('browser')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .time({ from: 'now-15m', to: 'now' })
    .refresh('10s')
    .withVariable(datasourceVariable())
    .withVariable(testidVariable())
    .link(linksToTheOthers());
}

/** Builds the dashboard and numbers its panels 1, 2, 3… in layout order (Grafana needs ids for panel links). */
export function finish(builder: dashboard.DashboardBuilder): dashboard.Dashboard {
  const built = builder.build();
  let next = 1;
  for (const panel of built.panels ?? []) {
    panel.id = next++;
    if (panel.type === 'row') for (const inner of (panel as dashboard.RowPanel).panels) inner.id = next++;
  }
  return built;
}
