// How a run with a nemesis (`run --nemesis`) is judged. Its outages miss the availability SLOs by design, so those are
// not judged (shown as NOT CHECKED, with why); the error rate is judged on the requests outside the nemesis's windows,
// the failures inside them are counted beside it, and integrity at the insurer is judged as strictly as ever: every
// confirmation a consumer received is there once, intact, whatever was killed.

import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { Targets } from '../vocabulary/targets.ts';
import { atMostPercent, type VerdictCheck } from './verdict.ts';

export interface NemesisJudged {
  /** Events that happened. */
  events: number;
  /** Events given with "@" that the load ended before: they never happened, and the run proves nothing about them. */
  notReached: string[];
  /** Requests that ended in a nemesis window, and outside every window. */
  during: { requests: number; failed: number };
  outside: { requests: number; failed: number };
}

export const NOT_JUDGED_UNDER_NEMESIS = 'not judged under --nemesis: its outages miss it by design (run without --nemesis to judge it)';

/** The load's metrics an outage moves by design: latency, failed requests and checks, journeys dropped. */
const AVAILABILITY_METRICS = [ENGINE_METRICS.requestDuration, ENGINE_METRICS.requestFailed, ENGINE_METRICS.checks, ENGINE_METRICS.journeysDropped];

/** Checks of availability that a process fault misses by design; a threshold on anything else (oracle mismatches) is judged. */
const AVAILABILITY = [new RegExp(`^threshold (${AVAILABILITY_METRICS.join('|')})[{:]`), /^latency p9[59]$/, /^failed response checks$/, /^iterations dropped/];

function relaxed(check: VerdictCheck): VerdictCheck {
  return { ...check, pass: false, notChecked: NOT_JUDGED_UNDER_NEMESIS };
}

/** The gate's checks of a nemesis run: availability not judged, errors judged outside the windows, the events' own checks added. */
export function nemesisChecks(checks: readonly VerdictCheck[], nemesis: NemesisJudged, targets: Targets): VerdictCheck[] {
  const out: VerdictCheck[] = [];
  for (const check of checks) {
    if (check.name === 'HTTP error rate') {
      const { requests, failed } = nemesis.outside;
      out.push(atMostPercent('HTTP error rate outside nemesis windows', requests > 0 ? failed / requests : undefined, targets.slo.errorRate));
      out.push({
        name: 'requests failed during nemesis windows',
        target: 'counted, not judged',
        actual: `${nemesis.during.failed} of ${nemesis.during.requests}`,
        pass: true,
      });
    } else if (check.name === 'load run' && check.actual === 'thresholds crossed') out.push(relaxed(check));
    else if (check.name === 'enrollments confirmed to consumers' && check.target.startsWith('=')) {
      const confirmed = Number(check.actual);
      out.push({ name: check.name, target: '≥ 1 (under --nemesis the outages fail some journeys)', actual: check.actual, pass: confirmed >= 1, unit: 'count' });
    } else if (AVAILABILITY.some((name) => name.test(check.name))) out.push(relaxed(check));
    else out.push(check);
  }
  out.push({
    name: 'nemesis events that happened',
    target: 'every one given with "@"',
    actual: nemesis.notReached.length === 0 ? `${nemesis.events}` : `${nemesis.events}; never reached (the load ended first): ${nemesis.notReached.join(', ')}`,
    pass: nemesis.notReached.length === 0 && nemesis.events > 0,
  });
  return out;
}
