// Every dashboard of the harness: fixed uid, the file it is written to, and its factory over the targets.

import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import type { Targets } from '../vocabulary/targets.ts';
import { BACK_END_UID, backEndDashboard } from './backEnd.ts';
import { CAPACITY_UID, capacityDashboard } from './capacity.ts';
import { EXCHANGE_UID, exchangeDashboard } from './exchange.ts';
import { LOAD_OVERVIEW_UID, loadOverviewDashboard } from './loadOverview.ts';

export interface DashboardEntry {
  uid: string;
  file: string;
  build: (targets: Targets) => Dashboard;
}

export const DASHBOARDS: readonly DashboardEntry[] = [
  { uid: LOAD_OVERVIEW_UID, file: 'load-overview.json', build: loadOverviewDashboard },
  { uid: EXCHANGE_UID, file: 'exchange.json', build: exchangeDashboard },
  { uid: BACK_END_UID, file: 'back-end.json', build: backEndDashboard },
  { uid: CAPACITY_UID, file: 'capacity.json', build: capacityDashboard },
];

export interface BuiltDashboard {
  uid: string;
  file: string;
  dashboard: Dashboard;
}

export function buildDashboards(targets: Targets): BuiltDashboard[] {
  return DASHBOARDS.map((entry) => ({ uid: entry.uid, file: entry.file, dashboard: entry.build(targets) }));
}
