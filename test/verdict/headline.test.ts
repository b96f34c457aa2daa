// The capacity headline: worked examples from a run's figures to the lines the terminal, summary.md and the report show.

import { describe, expect, it } from 'vitest';
import { capacityHeadline, headlineFactsOf, type HeadlineFacts } from '../../verdict/headline.ts';

const targets = { concurrentUsers: 50_000, thinkTimeSeconds: 30, slo: { p95Ms: 1000, p99Ms: 2000, errorRate: 0.01, waitingRoomWaitSeconds: 60 } };

const loadRun: HeadlineFacts = {
  profile: 'load',
  scale: 0.01,
  targets,
  thinkTimeSeconds: 2.3,
  plannedSeconds: 900,
  interrupted: false,
  load: { seconds: 60, peakUsers: 490, journeys: 750, requests: 9000, p95Ms: 4.2241, p99Ms: 9.87, errorShare: 0.0004 },
  enrollments: { confirmed: 120, intact: 118, defects: { lost: 2, garbled: 0, phantom: 0 } },
};

describe('capacityHeadline', () => {
  it('says the load reached against the target, what was shrunk, rates, latency against the SLO, enrollments and defects', () => {
    expect(capacityHeadline(loadRun)).toEqual([
      'users: tested 490 of 50,000 users at once (scale 0.01, think time cut from 30 s to 2.3 s)',
      'ran: 60 s of 900 s planned',
      'throughput: 12.5 journeys/s (750), 150 requests/s (9,000)',
      'latency: p95 4.22 ms against 1,000 ms, p99 9.87 ms against 2,000 ms; errors 0.04 % against 1 %',
      'enrollments: 120 confirmed to consumers, 118 received intact by the insurer',
      'defects: 2 (lost 2)',
    ]);
  });

  it('says a smoke run has no think time, its intended enrollments, and no defects', () => {
    const lines = capacityHeadline({
      ...loadRun,
      scale: 1,
      thinkTimeSeconds: 0,
      plannedSeconds: 120,
      plannedSecondsCap: true,
      load: { ...loadRun.load!, seconds: 4, peakUsers: 2 },
      enrollments: { intended: 20, confirmed: 20, intact: 20, defects: { lost: 0 } },
    });
    expect(lines[0]).toBe("users: tested 2 of 50,000 users at once (scale 1, no think time, against the target's 30 s)");
    expect(lines[1]).toBe('ran: 4 s (the plan allows at most 120 s)');
    expect(lines[4]).toBe('enrollments: 20 confirmed to consumers, 20 received intact by the insurer (of 20 intended)');
    expect(lines[5]).toBe('defects: none');
  });

  it('says when the run was interrupted, and for how long it ran', () => {
    expect(capacityHeadline({ ...loadRun, interrupted: true })[1]).toBe(
      'ran: 60 s of 900 s planned, then INTERRUPTED (Ctrl-C or SIGTERM): the figures cover what ran',
    );
  });

  it('says what was not measured instead of inventing figures', () => {
    const lines = capacityHeadline({ ...loadRun, thinkTimeSeconds: undefined, scale: undefined, load: undefined, enrollments: undefined });
    expect(lines).toEqual([
      'users: not measured (the target: 50,000 users)',
      'ran: not measured (no load summary)',
      'throughput: not measured (no load summary)',
      'latency: not measured (no load summary)',
      'enrollments: not reconciled',
      'defects: not reconciled',
    ]);
  });
});

describe('headlineFactsOf', () => {
  it('reads run.json, load-summary.json and reconciliation.json as the run wrote them', () => {
    const facts = headlineFactsOf({
      run: {
        profile: 'load',
        scale: 0.01,
        thinkTimeSeconds: 2.3,
        loadExitCode: 130,
        plan: { executor: { executor: 'ramping-arrival-rate', stages: [{ seconds: 300 }, { seconds: 600 }] } },
      },
      summary: {
        durationSeconds: 60,
        metrics: {
          active_users: { type: 'gauge', values: { value: 3, max: 490 } },
          journeys: { type: 'counter', values: { count: 750 } },
          http_reqs: { type: 'counter', values: { count: 9000 } },
          http_req_duration: { type: 'trend', values: { 'p(95)': 4.2241, 'p(99)': 9.87 } },
          http_req_failed: { type: 'rate', values: { rate: 0.0004 } },
        },
      },
      reconciliation: { enrollments: { confirmed: 120, intact: 118 }, classes: { lost: 2, garbled: 0, phantom: 0 } },
      targets,
    });
    expect(facts).toEqual({ ...loadRun, interrupted: true });
  });

  it('takes a closed model plan of iterations by its most seconds', () => {
    const facts = headlineFactsOf({
      run: { profile: 'smoke', plan: { executor: { executor: 'shared-iterations', users: 2, iterations: 20, maxSeconds: 120 } }, interrupted: false },
      summary: undefined,
      reconciliation: undefined,
      targets,
    });
    expect(facts.plannedSeconds).toBe(120);
    expect(facts.plannedSecondsCap).toBe(true);
    expect(facts.interrupted).toBe(false);
  });

  it('goes by the load outcome when run.json has one: a Ctrl-C after the load ended interrupted nothing measured', () => {
    const interrupted = (run: Record<string, unknown>): boolean => headlineFactsOf({ run, summary: undefined, reconciliation: undefined, targets }).interrupted;
    expect(interrupted({ interrupted: true, loadExitCode: 0 })).toBe(false);
    expect(interrupted({ interrupted: true, loadExitCode: 130 })).toBe(true);
    expect(interrupted({ interrupted: true })).toBe(true);
  });
});
