// Runs one segment of a plan in one thread: starts journeys on the open model's clock or keeps the closed model's
// users busy, caps journeys in flight (an arrival over the cap is dropped and counted, never skipped silently),
// and stops as the plan says: no new journeys after its time, in-flight ones given the graceful stop, then cut off.

import type { HttpClient } from './httpClient.ts';
import { ENGINE_METRICS } from '../vocabulary/metrics/engine.ts';
import type { MetricSet, Series } from './metricSet.ts';
import { isOpenModel, plannedSeconds, type ConstantArrivalRate, type Executor, type LoadPlan, type RampingArrivalRate, type SharedIterations } from './plan.ts';
import { AbortedError, Context, type Journey } from './runtime.ts';
import { arrivalTimes, countInSegment, usersAt, type Segment } from './schedule.ts';

export interface SegmentRun {
  plan: LoadPlan;
  segment: Segment;
  journey: Journey;
  metrics: MetricSet;
  http: HttpClient;
  /** performance.now() ms of the test's start (t = 0); the same instant on every worker. */
  startAt: number;
}

export interface SegmentOutcome {
  /** Whether the plan ran its course (false: stopped early by stop()). */
  completed: boolean;
  /** The first few messages of journeys that threw (faults in the journey's code). */
  journeyErrors: string[];
}

/** How often a closed model looks at its ramp, and how long an open model's clock sleeps at most between checks. */
const TICK_MS = 50;
const KEPT_ERRORS = 5;

const sleepUntil = (at: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

export class SegmentRunner {
  private stopping = false;
  private wake: (() => void) | undefined;
  private readonly cutOff = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly errors: string[] = [];
  private readonly active: Series;
  private readonly m: Record<'journeys' | 'duration' | 'lag' | 'dropped' | 'interrupted' | 'errors', Series>;
  private activeCount = 0;

  private readonly run: SegmentRun;

  constructor(run: SegmentRun) {
    this.run = run;
    const { metrics } = run;
    this.active = metrics.series('gauge', ENGINE_METRICS.activeUsers);
    this.active.record(0);
    this.m = {
      journeys: metrics.series('counter', ENGINE_METRICS.journeys),
      duration: metrics.series('trend', ENGINE_METRICS.journeyDuration),
      lag: metrics.series('trend', ENGINE_METRICS.startLag),
      dropped: metrics.series('counter', ENGINE_METRICS.journeysDropped),
      interrupted: metrics.series('counter', ENGINE_METRICS.journeysInterrupted),
      errors: metrics.series('counter', ENGINE_METRICS.journeyErrors),
    };
  }

  /** No new journeys from now on; those in flight get the graceful stop. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  /** Cuts off every journey now. */
  abort(): void {
    this.stop();
    this.cutOff.abort();
  }

  async execute(): Promise<SegmentOutcome> {
    const { plan, startAt } = this.run;
    await sleepUntil(startAt);
    const executor = plan.executor;
    const endAt = startAt + plannedSeconds(executor) * 1000;
    if (isOpenModel(executor)) await this.arrivals(executor as ConstantArrivalRate | RampingArrivalRate, endAt);
    else if (executor.executor === 'shared-iterations') await this.sharedIterations(executor, endAt);
    else await this.users(executor, endAt);
    const completed = !this.stopping;
    await this.drain(plan.gracefulStopSeconds);
    return { completed, journeyErrors: [...this.errors] };
  }

  private async drain(gracefulStopSeconds: number): Promise<void> {
    if (this.inFlight.size > 0 && !this.cutOff.signal.aborted) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, gracefulStopSeconds * 1000);
        this.cutOff.signal.addEventListener('abort', () => resolve(), { once: true });
      });
      await Promise.race([Promise.all(this.inFlight), grace]);
      clearTimeout(timer);
    }
    if (this.inFlight.size > 0) {
      this.cutOff.abort();
      await this.run.http.destroy();
      await Promise.all(this.inFlight);
    }
  }

  private setActive(delta: number): void {
    this.activeCount += delta;
    this.active.record(this.activeCount);
  }

  private launch(iteration: number, user: number, scheduledAt: number | undefined): Promise<void> {
    const { journey, segment, http, metrics } = this.run;
    const startedAt = performance.now();
    const context = new Context(iteration, user, segment, this.cutOff.signal, http, metrics, scheduledAt);
    this.m.journeys.record(1);
    const running = (async () => {
      try {
        await journey(context);
        this.m.duration.record(performance.now() - (scheduledAt ?? startedAt));
      } catch (error) {
        if (this.cutOff.signal.aborted || error instanceof AbortedError) this.m.interrupted.record(1);
        else {
          this.m.errors.record(1);
          const message = error instanceof Error ? error.message : String(error);
          if (this.errors.length < KEPT_ERRORS && !this.errors.includes(message)) this.errors.push(message);
        }
      }
    })();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return running;
  }

  /** Waits up to `ms`, or less if stop() is called. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async arrivals(executor: ConstantArrivalRate | RampingArrivalRate, endAt: number): Promise<void> {
    const { startAt, segment } = this.run;
    const cap = Math.max(1, Math.ceil(executor.maxInFlight / segment.of));
    const schedule = arrivalTimes(executor as Executor, segment);
    for (let next = schedule.next(); !next.done && !this.stopping; ) {
      const now = performance.now();
      while (!next.done && startAt + next.value.at * 1000 <= now) {
        const scheduledAt = startAt + next.value.at * 1000;
        if (this.inFlight.size >= cap) this.m.dropped.record(1);
        else {
          this.m.lag.record(now - scheduledAt);
          this.setActive(1);
          void this.launch(next.value.k, next.value.k, scheduledAt).finally(() => this.setActive(-1));
        }
        next = schedule.next();
      }
      if (!next.done) await this.pause(Math.min(TICK_MS, startAt + next.value.at * 1000 - performance.now()));
    }
    // The plan's time runs to its end even after the last arrival.
    while (!this.stopping && performance.now() < endAt) await this.pause(Math.min(TICK_MS * 4, endAt - performance.now()));
  }

  private async users(executor: Executor, endAt: number): Promise<void> {
    const { startAt, segment } = this.run;
    let wanted = 0;
    let iterations = 0;
    const running = new Set<number>();
    const userLoop = async (local: number): Promise<void> => {
      running.add(local);
      this.setActive(1);
      try {
        while (!this.stopping && local < wanted && performance.now() < endAt) {
          await this.launch(segment.index + iterations++ * segment.of, segment.index + local * segment.of, undefined);
        }
      } finally {
        this.setActive(-1);
        running.delete(local);
      }
    };
    while (!this.stopping && performance.now() < endAt) {
      wanted = countInSegment(usersAt(executor, (performance.now() - startAt) / 1000), segment);
      // Users over the ramp's count finish their journey and stop (their loop sees local ≥ wanted).
      for (let local = 0; local < wanted; local++) if (!running.has(local)) void userLoop(local);
      await this.pause(Math.min(TICK_MS, endAt - performance.now()));
    }
    // Loops end after their journey; the graceful stop (drain) bounds that.
  }

  private async sharedIterations(executor: SharedIterations, endAt: number): Promise<void> {
    const { segment } = this.run;
    const total = countInSegment(executor.iterations, segment);
    const users = total === 0 ? 0 : Math.max(1, Math.min(total, countInSegment(executor.users, segment)));
    let taken = 0;
    const userLoop = async (local: number): Promise<void> => {
      this.setActive(1);
      try {
        while (!this.stopping && taken < total && performance.now() < endAt) {
          const k = segment.index + taken++ * segment.of;
          await this.launch(k, segment.index + local * segment.of, undefined);
        }
      } finally {
        this.setActive(-1);
      }
    };
    const all = Promise.all(Array.from({ length: users }, (_, local) => userLoop(local)));
    // Ends when every iteration is done, the time is up, or stop() is called.
    await Promise.race([all, this.pause(endAt - performance.now())]);
    this.wake?.();
  }
}
