// A fault switch that affected nothing proves nothing: the switches of a run's spec with nothing in injected.json.
// A run whose fault never fired (an outage window over before the first 834) would otherwise PASS as if it had held.

import type { FaultSet } from './parseFaultSpec.ts';

/** Switches that act on every request (added latency, CPU) or tune another switch: not counted per enrollment. */
function uncounted(name: string): boolean {
  return name === 'backend.delay.hold' || name === 'exchange.cpu' || name === 'exchange.latency' || name.startsWith('exchange.latency.');
}

/** The injected.json key a switch counts under: a route's exchange.error counts as exchange.error. */
function countedAs(name: string): string {
  return name.startsWith('exchange.error.') ? 'exchange.error' : name;
}

export interface IdleFault {
  /** The switch as given, e.g. `insurer.down=5000ms`. */
  item: string;
  name: string;
}

/** The switches judged (on, and counted per enrollment or request), and those of them injected.json counts 0 for. */
export function idleFaults(faults: FaultSet, injected: Record<string, number>): { judged: number; idle: IdleFault[] } {
  const idle: IdleFault[] = [];
  let judged = 0;
  for (const [name, value] of [...faults.values].sort(([a], [b]) => a.localeCompare(b))) {
    if (uncounted(name) || (value.kind === 'rate' && value.rate === 0)) continue;
    judged++;
    if ((injected[countedAs(name)] ?? 0) > 0) continue;
    idle.push({ name, item: `${name}=${value.kind === 'rate' ? value.rate : `${value.ms}ms`}` });
  }
  return { judged, idle };
}
