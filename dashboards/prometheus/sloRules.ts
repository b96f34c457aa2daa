// SLO rules generated from targets.yaml: the share of bad consumer requests per run over every burn-rate window
// (recorded), and multi-window burn-rate alerts that page or open a ticket, one alert per objective.

import { EXCHANGE_LABELS as L, EXCHANGE_METRICS as M, LATENCY_BUCKETS_SECONDS, OPERATIONAL_ROUTES } from '../../vocabulary/metrics/exchange.ts';
import type { Targets } from '../../vocabulary/targets.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import { notRe, rateOf, re, series, share, sumBy, TESTID_LABEL, type Matcher } from '../selectors.ts';
import { objectivesOf, type ErrorObjective, type LatencyObjective } from '../slos.ts';
import { BURN_RATE_WINDOWS, promDuration, ratioWindows, type BurnRateWindow, type Severity } from './burnRates.ts';
import type { AlertingRule, RecordingRule, RuleGroup } from './ruleTypes.ts';

const consumer = notRe(L.route, OPERATIONAL_ROUTES.join('|'));
const BY_RUN = [TESTID_LABEL];

type Objective = ErrorObjective | LatencyObjective;

export interface SloRuleSpec {
  objective: Objective;
  alert: string;
  /** The recorded bad share over one window. */
  record: (windowSeconds: number) => string;
  badShare: (window: string) => string;
  /** What the objective promises, for the alert's description. */
  promise: string;
}

const percent = (share: number): string => `${Number((share * 100).toPrecision(6))}%`;

/** `le` as prom-client writes it ("1", "2.5"), or as Prometheus 3 normalises it ("1.0"). */
function leMatcher(seconds: number): Matcher {
  const text = String(seconds).replace('.', '\\.');
  return re('le', Number.isInteger(seconds) ? `${text}(\\.0)?` : text);
}

function errorSpec(objective: ErrorObjective): SloRuleSpec {
  return {
    objective,
    alert: 'ExchangeErrorBudgetBurn',
    record: (w) => `${TESTID_LABEL}:exchange_slo_errors_per_request:ratio_rate${promDuration(w)}`,
    badShare: (w) => {
      const all = sumBy(BY_RUN, rateOf(series(M.httpRequests, [consumer]), w));
      return share(sumBy(BY_RUN, rateOf(series(M.httpRequests, [consumer, re(L.status, '5..')]), w)), all);
    },
    promise: `at most ${percent(objective.budget)} of consumer requests fail with a 5xx (targets.yaml slo.errorRate)`,
  };
}

function latencySpec(objective: LatencyObjective): SloRuleSpec {
  if (!LATENCY_BUCKETS_SECONDS.includes(objective.thresholdSeconds)) {
    const field = objective.name === 'latency_p95' ? 'slo.p95Ms' : 'slo.p99Ms';
    throw new UsageError(
      `targets.yaml ${field} (${objective.thresholdSeconds * 1000})`,
      `a bucket boundary of the exchange's latency histogram (${LATENCY_BUCKETS_SECONDS.map((s) => s * 1000).join(', ')} ms)`,
      'Choose one of those, or add the boundary to LATENCY_BUCKETS_SECONDS in vocabulary/metrics/exchange.ts.',
    );
  }
  const tag = `p${Math.round(objective.quantile * 100)}`;
  return {
    objective,
    alert: `ExchangeLatency${tag.toUpperCase()}BudgetBurn`,
    record: (w) => `${TESTID_LABEL}:exchange_slo_slower_than_${tag}_target_per_request:ratio_rate${promDuration(w)}`,
    badShare: (w) => {
      const fast = sumBy(BY_RUN, rateOf(series(`${M.httpDuration}_bucket`, [consumer, leMatcher(objective.thresholdSeconds)]), w));
      const all = sumBy(BY_RUN, rateOf(series(`${M.httpDuration}_count`, [consumer]), w));
      return `1 - (${fast}) / (${all})`;
    },
    promise: `${percent(objective.quantile)} of consumer requests finish within ${objective.thresholdSeconds} s (targets.yaml slo.${tag}Ms)`,
  };
}

export function sloSpecs(targets: Targets): SloRuleSpec[] {
  const objectives = objectivesOf(targets);
  return [errorSpec(objectives.errors), ...objectives.latency.map(latencySpec)];
}

/** A burn threshold of 1 or more can never be crossed: the budget is too large for that window to detect anything. */
function threshold(spec: SloRuleSpec, window: BurnRateWindow): number {
  const value = Number((window.factor * spec.objective.budget).toPrecision(6));
  if (value >= 1) {
    throw new UsageError(
      `the ${spec.objective.name} budget (${percent(spec.objective.budget)})`,
      `below ${percent(1 / window.factor)}, so a ${window.factor}× burn over ${promDuration(window.longSeconds)} can be detected`,
      'Tighten the objective in targets.yaml.',
    );
  }
  return value;
}

function windowsOf(severity: Severity): BurnRateWindow[] {
  return BURN_RATE_WINDOWS.filter((w) => w.severity === severity);
}

/** The alert's annotations; `testid` is `{{ $labels.testid }}` in the rule and the run id in a rule test. */
export function alertAnnotations(spec: SloRuleSpec, severity: Severity, testid = `{{ $labels.${TESTID_LABEL} }}`): Record<string, string> {
  const pairs = windowsOf(severity).map((w) => `${w.factor}× over ${promDuration(w.longSeconds)} and ${promDuration(w.shortSeconds)}`);
  return {
    summary: `Run ${testid}: the exchange is burning its ${spec.objective.name} error budget too fast (${pairs.join(', or ')})`,
    description: `The objective: ${spec.promise}. This ${severity} fires when both windows of a pair spend the 30-day budget at least that many times faster than sustainable.`,
  };
}

function alertRule(spec: SloRuleSpec, severity: Severity): AlertingRule {
  const pairs = windowsOf(severity).map((w) => {
    const t = threshold(spec, w);
    return `(${spec.record(w.longSeconds)} > ${t} and ${spec.record(w.shortSeconds)} > ${t})`;
  });
  return { alert: spec.alert, expr: pairs.join(' or '), labels: { severity, slo: spec.objective.name }, annotations: alertAnnotations(spec, severity) };
}

export function sloRuleGroups(targets: Targets): RuleGroup[] {
  return sloSpecs(targets).map((spec) => {
    const records: RecordingRule[] = ratioWindows().map((w) => ({ record: spec.record(w), expr: spec.badShare(promDuration(w)) }));
    return { name: `marketplace-slo-${spec.objective.name}`, rules: [...records, alertRule(spec, 'page'), alertRule(spec, 'ticket')] };
  });
}
