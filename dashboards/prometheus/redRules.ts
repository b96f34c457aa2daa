// Recording rules for the exchange's RED series per run and route: request rate, 5xx share and latency quantiles,
// over one minute, so long-range queries and reviews read a few series instead of every bucket.

import { EXCHANGE_LABELS as L, EXCHANGE_METRICS as M } from '../../vocabulary/metrics/exchange.ts';
import { rateOf, re, series, share, sumBy, TESTID_LABEL } from '../selectors.ts';
import type { RuleGroup } from './ruleTypes.ts';

export const RED_WINDOW = '1m';
export const RED_QUANTILES = [0.5, 0.95, 0.99] as const;

const BY_ROUTE = [TESTID_LABEL, L.route];

/** Names follow Prometheus's level:metric:operations convention. */
export const RED_RECORDS = {
  requestRate: `route:${M.httpRequests.replace(/_total$/, '')}:rate${RED_WINDOW}`,
  errorRatio: `route:exchange_http_request_errors:ratio_rate${RED_WINDOW}`,
  durationQuantile: (q: number) => `route:${M.httpDuration}:p${Math.round(q * 100)}_rate${RED_WINDOW}`,
} as const;

export function redRuleGroup(): RuleGroup {
  const all = sumBy(BY_ROUTE, rateOf(series(M.httpRequests), RED_WINDOW));
  const serverErrors = sumBy(BY_ROUTE, rateOf(series(M.httpRequests, [re(L.status, '5..')]), RED_WINDOW));
  return {
    name: 'marketplace-exchange-red',
    rules: [
      { record: RED_RECORDS.requestRate, expr: all },
      { record: RED_RECORDS.errorRatio, expr: share(serverErrors, all) },
      ...RED_QUANTILES.map((q) => ({
        record: RED_RECORDS.durationQuantile(q),
        expr: `histogram_quantile(${q}, ${sumBy([...BY_ROUTE, 'le'], rateOf(series(`${M.httpDuration}_bucket`), RED_WINDOW))})`,
      })),
    ],
  };
}
