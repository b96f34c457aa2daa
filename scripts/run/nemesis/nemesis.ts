// The nemesis under load (`harness run --nemesis`): runs the spec's process faults against the run's own exchange and
// insurer while the load runs — SIGKILL then a restart on the same port and data folder, or SIGSTOP then SIGCONT —
// one event at a time, and records each (nemesis.json). Stopping it ends a hold early and leaves every service up.

import type { ProcessGroup } from '../processes.ts';
import { restartOnSamePort, type RunningService } from '../services.ts';
import { NEMESIS_KINDS, nemesisSchedule, nemesisSpecText, type NemesisEventPlan, type NemesisItem, type NemesisKind, type NemesisService } from './spec.ts';
import type { NemesisEvent, NemesisOutcome } from '../../../vocabulary/nemesis.ts';

export type { NemesisEvent, NemesisOutcome };

export interface NemesisOptions {
  items: readonly NemesisItem[];
  /** The load's planned length: an interval's events are planned up to it. */
  horizonMs: number;
  services: Record<NemesisService, RunningService>;
  group: ProcessGroup;
  say: (line: string) => void;
  /** Told when an event starts (true) and when its service answers again (false): the run's metrics. */
  onEvent?: (kind: NemesisKind, active: boolean) => void;
  /** Epoch ms the load started at (its first second), which the spec's times count from; default: now. */
  startedMs?: number;
}

export interface RunningNemesis {
  /** Stops scheduling, ends a hold under way at once (restart or resume), and returns what happened. */
  stop(): Promise<NemesisOutcome>;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function startNemesis(options: NemesisOptions): RunningNemesis {
  const { services, group, say } = options;
  const plan = nemesisSchedule(options.items, options.horizonMs);
  const startedMs = options.startedMs ?? Date.now();
  const events: NemesisEvent[] = [];
  let notReached: NemesisEventPlan[] = [];
  let stopping = false;
  let wake: () => void = () => {};
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping || ms <= 0) return resolve();
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function perform(event: NemesisEventPlan): Promise<NemesisEvent> {
    const { service: name, action } = NEMESIS_KINDS[event.kind];
    const service = services[name];
    const pidBefore = service.process.child.pid ?? null;
    const signalMs = Date.now();
    const atMs = signalMs - startedMs;
    options.onEvent?.(event.kind, true);
    if (action === 'kill') {
      say(`  nemesis: ${event.kind} at ${seconds(atMs)}: SIGKILL to the ${name} (pid ${pidBefore})`);
      service.process.signal('SIGKILL');
      await service.process.exited;
      await sleep(event.holdMs);
      await restartOnSamePort(group, service);
    } else {
      say(`  nemesis: ${event.kind} at ${seconds(atMs)}: SIGSTOP to the ${name} (pid ${pidBefore}) for ${seconds(event.holdMs)}`);
      service.process.signal('SIGSTOP');
      await sleep(event.holdMs);
      service.process.signal('SIGCONT');
    }
    const recoveredMs = Date.now();
    options.onEvent?.(event.kind, false);
    const pidAfter = service.process.child.pid ?? null;
    const cutShort = recoveredMs - signalMs < event.holdMs;
    say(
      `  nemesis: the ${name} answers again after ${seconds(recoveredMs - signalMs)}${action === 'kill' ? `: restarted on port ${service.port} as pid ${pidAfter}` : ': resumed'}${cutShort ? ' (hold cut short: the load ended)' : ''}`,
    );
    return {
      kind: event.kind,
      service: name,
      at: new Date(signalMs).toISOString(),
      atMs,
      holdMs: event.holdMs,
      outageMs: recoveredMs - signalMs,
      recoveredAt: new Date(recoveredMs).toISOString(),
      pidBefore,
      pidAfter,
      ...(cutShort ? { cutShort } : {}),
    };
  }

  const done = (async (): Promise<void> => {
    for (const [index, event] of plan.entries()) {
      await sleep(startedMs + event.atMs - Date.now());
      if (stopping) {
        notReached = plan.slice(index);
        return;
      }
      events.push(await perform(event));
    }
  })();
  // A restart that fails is thrown by stop(), not left as an unhandled rejection meanwhile.
  done.catch(() => {});

  return {
    async stop() {
      stopping = true;
      wake();
      await done;
      return { spec: nemesisSpecText(options.items), startedAt: new Date(startedMs).toISOString(), events, notReached };
    },
  };
}
