// Parses a fault spec (`insurer.error=0.1,exchange.latency=250ms`) into a typed FaultSet.
// Unknown names, wrong kinds and out-of-range rates fail loudly with the item named: no silently ignored switch.

import { UsageError } from '../../vocabulary/errors.ts';
import { BACKEND_DELAY_HOLD_MS, FAULT_SWITCHES, type FaultKind } from './switches.ts';
import { durationMs } from '../../vocabulary/duration.ts';

export type FaultValue = { kind: 'rate'; rate: number } | { kind: 'duration'; ms: number };

export interface FaultSet {
  /** The switches given, by name. */
  readonly values: ReadonlyMap<string, FaultValue>;
  /** The rate of a switch; 0 when absent or given as a duration. */
  rate(name: string): number;
  /** The duration of a switch in ms; 0 when absent or given as a rate. */
  durationMs(name: string): number;
  has(name: string): boolean;
  /** The spec back as text, names sorted: for logs and injected.json. */
  toString(): string;
}

const RATE = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
const EXAMPLE = 'e.g. insurer.error=0.1,exchange.latency=250ms';

function expectedOf(kind: FaultKind): string {
  if (kind === 'rate') return 'a rate between 0 and 1 (e.g. 0.05)';
  if (kind === 'duration') return 'a duration such as 250ms, 2s or 1m';
  return 'a rate between 0 and 1 (e.g. 0.05) or a duration such as 250ms, 2s or 1m';
}

function parseValue(item: string, name: string, raw: string, kind: FaultKind): FaultValue {
  const ms = durationMs(raw);
  if (ms !== undefined && kind !== 'rate') return { kind: 'duration', ms };
  if (ms === undefined && kind !== 'duration' && RATE.test(raw)) {
    const rate = Number(raw);
    if (rate >= 0 && rate <= 1) return { kind: 'rate', rate };
  }
  throw new UsageError(`fault "${item}"`, `${name} to be ${expectedOf(kind)}`, `Fix the value of ${name} (see docs/faults.md).`);
}

function unknownName(item: string, name: string): UsageError {
  const near = Object.keys(FAULT_SWITCHES).filter((n) => n.split('.')[0] === name.split('.')[0]);
  const list = (near.length > 0 ? near : Object.keys(FAULT_SWITCHES)).join(', ');
  return new UsageError(`fault "${item}"`, `a known switch name (${list})`, `Use one of those names; docs/faults.md describes each.`);
}

export function faultSetOf(values: ReadonlyMap<string, FaultValue>): FaultSet {
  return {
    values,
    rate: (name) => {
      const v = values.get(name);
      return v?.kind === 'rate' ? v.rate : 0;
    },
    durationMs: (name) => {
      const v = values.get(name);
      return v?.kind === 'duration' ? v.ms : 0;
    },
    has: (name) => values.has(name),
    toString: () =>
      [...values.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, v]) => `${name}=${v.kind === 'rate' ? v.rate : `${v.ms}ms`}`)
        .join(','),
  };
}

/** No faults: what a service runs with unless told otherwise. */
export const NO_FAULTS: FaultSet = faultSetOf(new Map());

export function parseFaultSpec(spec: string): FaultSet {
  const values = new Map<string, FaultValue>();
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`fault "${item}"`, `name=value (${EXAMPLE})`, 'Separate switches with commas and give each a value.');
    const name = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1).trim();
    const known = FAULT_SWITCHES[name];
    if (!known) throw unknownName(item, name);
    if (values.has(name)) throw new UsageError(`fault "${item}"`, `${name} given once`, 'Remove the repeated switch.');
    values.set(name, parseValue(item, name, raw, known.kind));
  }
  return faultSetOf(values);
}

/** `backend.delay` in either form as (share of enrollments, how long each is held). */
export function backendDelayOf(faults: FaultSet): { rate: number; holdMs: number } {
  const given = faults.values.get('backend.delay');
  if (!given) return { rate: 0, holdMs: 0 };
  if (given.kind === 'duration') return { rate: 1, holdMs: given.ms };
  return { rate: given.rate, holdMs: faults.durationMs('backend.delay.hold') || BACKEND_DELAY_HOLD_MS };
}
