// The nemesis spec of `harness run --nemesis`: process faults scheduled during the load, at times or at an interval.
// `kill-exchange@10s,pause-insurer@15s:3s,kill-insurer/every=20s:1s` — one pure parser, errors naming the item.

import { UsageError } from '../../../vocabulary/errors.ts';
import { durationMs } from '../../../vocabulary/duration.ts';
import { NEMESIS_KINDS, type NemesisEventPlan, type NemesisKind } from '../../../vocabulary/nemesis.ts';

export { NEMESIS_KINDS, type NemesisEventPlan, type NemesisKind };
export type { NemesisService } from '../../../vocabulary/nemesis.ts';

/** How long a pause holds when the spec does not say; a kill restarts at once (its hold: how long it stays down first). */
export const DEFAULT_PAUSE_HOLD_MS = 3_000;
/** An interval shorter than this would keep a service down more than up. */
export const MIN_INTERVAL_MS = 1_000;

export interface NemesisItem {
  /** As given, for messages and run.json. */
  item: string;
  kind: NemesisKind;
  /** Once at this time after the load starts … */
  atMs?: number;
  /** … or every this long (first at everyMs). */
  everyMs?: number;
  /** Kill: how long the service stays down before its restart; pause: how long it stays stopped. */
  holdMs: number;
}

const EXAMPLE = 'e.g. kill-exchange@10s,pause-insurer@15s:3s,kill-insurer/every=20s';
const ITEM = /^([a-z-]+)(?:@([^:]*)|\/every=([^:]*))(?::(.*))?$/;

function itemDurationMs(item: string, what: string, raw: string, allowZero: boolean): number {
  const ms = durationMs(raw);
  if (ms === undefined || (!allowZero && ms <= 0)) {
    throw new UsageError(`nemesis "${item}"`, `${what} as a duration such as 500ms, 10s or 1m`, `Fix it (${EXAMPLE}; see docs/faults.md#nemesis).`);
  }
  return ms;
}

function parseItem(item: string): NemesisItem {
  const match = ITEM.exec(item);
  if (!match)
    throw new UsageError(`nemesis "${item}"`, `KIND@TIME[:HOLD] or KIND/every=INTERVAL[:HOLD] (${EXAMPLE})`, 'Give each item a kind and when it happens.');
  const [, name, at, every, hold] = match;
  if (!(name! in NEMESIS_KINDS))
    throw new UsageError(`nemesis "${item}"`, `a kind among ${Object.keys(NEMESIS_KINDS).join(', ')}`, `Use one of those kinds (${EXAMPLE}).`);
  const kind = name as NemesisKind;
  const holdMs =
    hold === undefined
      ? NEMESIS_KINDS[kind].action === 'pause'
        ? DEFAULT_PAUSE_HOLD_MS
        : 0
      : itemDurationMs(item, 'the hold after ":"', hold, NEMESIS_KINDS[kind].action === 'kill');
  if (at !== undefined) return { item, kind, atMs: itemDurationMs(item, 'the time after "@" (from the start of the load)', at, true), holdMs };
  const everyMs = itemDurationMs(item, 'the interval after "/every="', every!, false);
  if (everyMs < MIN_INTERVAL_MS || everyMs <= holdMs) {
    throw new UsageError(
      `nemesis "${item}"`,
      `an interval of at least ${MIN_INTERVAL_MS / 1000} s and longer than the hold`,
      `Lengthen the interval or shorten the hold (e.g. ${kind}/every=20s:2s).`,
    );
  }
  return { item, kind, everyMs, holdMs };
}

/** Every item of a spec ('' or blank: none); a bad item stops here with exit 2. */
export function parseNemesisSpec(spec: string): NemesisItem[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseItem);
}

/** The spec back as text, in the order given: for run.json and the verdict's facts. */
export function nemesisSpecText(items: readonly NemesisItem[]): string {
  return items.map((i) => i.item).join(',');
}

/**
 * The events of a spec in time order: every "@" one, and an interval's that start before `horizonMs` (the load's
 * planned length); events at the same time keep the spec's order. The scheduler runs them one after the other: one
 * due while another is under way waits.
 */
export function nemesisSchedule(items: readonly NemesisItem[], horizonMs: number): NemesisEventPlan[] {
  const events: (NemesisEventPlan & { order: number })[] = [];
  items.forEach((i, order) => {
    if (i.atMs !== undefined) {
      events.push({ kind: i.kind, atMs: i.atMs, holdMs: i.holdMs, once: true, order });
      return;
    }
    for (let at = i.everyMs!; at < horizonMs; at += i.everyMs!) events.push({ kind: i.kind, atMs: at, holdMs: i.holdMs, once: false, order });
  });
  return events.sort((a, b) => a.atMs - b.atMs || a.order - b.order).map(({ order: _order, ...event }) => event);
}
