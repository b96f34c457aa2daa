// One segment of a test in its own thread (or in the caller's, over a MessageChannel): loads the journey, waits for
// the common start, runs the segment, and sends its measurements a wall-clock second at a time.

import type { MessagePort } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { SegmentRunner } from './executor.ts';
import { HttpClient, type HttpClientOptions } from './httpClient.ts';
import { MetricSet, type SeriesSnapshot } from './metricSet.ts';
import type { LoadPlan } from './plan.ts';
import type { JourneyModule } from './runtime.ts';
import type { Segment } from './schedule.ts';

export interface SegmentSetup {
  plan: LoadPlan;
  segment: Segment;
  /** Absolute path of the journey module (it exports createJourney). */
  journeyModule: string;
  journeyOptions: unknown;
  http: HttpClientOptions;
}

export type ToSegment = { type: 'start'; startAtEpochMs: number } | { type: 'stop' } | { type: 'abort' };
export type FromSegment =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'second'; second: number; series: SeriesSnapshot[] }
  | { type: 'done'; completed: boolean; journeyErrors: string[] };

/** Milliseconds since the epoch, with performance.now()'s resolution: the same clock in every thread. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

export async function hostSegment(setup: SegmentSetup, port: MessagePort): Promise<void> {
  const send = (message: FromSegment): void => port.postMessage(message);
  let journey;
  try {
    const module = (await import(pathToFileURL(setup.journeyModule).href)) as JourneyModule;
    if (typeof module.createJourney !== 'function') throw new Error(`${setup.journeyModule} exports no createJourney(options, segment) function`);
    journey = await module.createJourney(setup.journeyOptions, setup.segment);
    if (typeof journey !== 'function') {
      throw new Error(
        `createJourney(options, segment) returned ${journey === null ? 'null' : typeof journey}; expected the journey, an async function of the journey context (engine/runtime.ts)`,
      );
    }
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  const metrics = new MetricSet();
  const http = new HttpClient(metrics, setup.http);
  let runner: SegmentRunner | undefined;
  const early: ToSegment[] = [];
  const started = new Promise<number>((resolve) => {
    port.on('message', (message: ToSegment) => {
      if (message.type === 'start') resolve(message.startAtEpochMs);
      else if (!runner) early.push(message);
      else if (message.type === 'stop') runner.stop();
      else runner.abort();
    });
  });
  send({ type: 'ready' });
  const startAtEpochMs = await started;
  runner = new SegmentRunner({ plan: setup.plan, segment: setup.segment, journey, metrics, http, startAt: startAtEpochMs - performance.timeOrigin });
  for (const message of early) message.type === 'stop' ? runner.stop() : runner.abort();

  // Every whole second, the second's measurements go to the main thread, and the window starts again.
  let second = Math.floor(epochNow() / 1000);
  const flush = (): void => {
    send({ type: 'second', second, series: metrics.snapshot() });
    metrics.reset();
    second = Math.max(second + 1, Math.floor(epochNow() / 1000));
  };
  let timer: NodeJS.Timeout;
  const tick = (): void => {
    flush();
    timer = setTimeout(tick, (second + 1) * 1000 - epochNow() + 1);
  };
  timer = setTimeout(tick, (second + 1) * 1000 - epochNow() + 1);
  const outcome = await runner.execute();
  clearTimeout(timer);
  flush();
  await http.close().catch(() => undefined);
  send({ type: 'done', ...outcome });
  port.close();
}
