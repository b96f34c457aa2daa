// The nemesis table of docs/faults.md: each kind run once under load — the event, its outage, what the run counted of
// it, lost and duplicate (the promise: both 0), other classes and the exit code. Pure, like faultTable.ts.

import { DEFECT_CLASSES, type DefectClass } from '../../reconcile/reconcile.ts';
import { NEMESIS_KINDS, type NemesisKind } from '../run/nemesis/spec.ts';

/** What the run counted of the outage, by kind: an outage is never silent. */
export type OutageCount =
  /** kill-exchange: requests refused while it was down (nemesis.json, the event's window). */
  | { failedRequests: number; requests: number }
  /** kill-insurer: the exchange's 834 posts that failed and were retried (exchange.log). */
  | { failed834Posts: number }
  /** pause-exchange: the slowest request that ended in its window (it waited for the SIGCONT). */
  | { slowestMs: number }
  /** pause-insurer: enrollments confirmed to consumers during the pause, delivered to the insurer after it. */
  | { deliveredAfterPause: number };

export interface NemesisRunFacts {
  spec: string;
  event: { kind: NemesisKind; atMs: number; holdMs: number; outageMs: number; pidBefore: number | null; pidAfter: number | null };
  enrollments: number;
  counted: OutageCount;
  classes: Record<DefectClass, number>;
  exitCode: number;
}

export const NEMESIS_TABLE_HEADER = [
  'nemesis, as run',
  'enrollments',
  'event',
  'outage',
  'counted in the outage',
  'lost',
  'duplicate',
  'other classes',
  'exit',
] as const;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function eventText(event: NemesisRunFacts['event']): string {
  const same = event.pidAfter !== null && event.pidAfter === event.pidBefore;
  const process = same ? 'the same process' : 'a new process';
  if (NEMESIS_KINDS[event.kind].action === 'kill') return `SIGKILL at ${seconds(event.atMs)}, down ${seconds(event.holdMs)}, then ${process}`;
  return `SIGSTOP at ${seconds(event.atMs)} for ${seconds(event.holdMs)}, SIGCONT to ${process}`;
}

export function outageText(counted: OutageCount): string {
  if ('failedRequests' in counted) return `${counted.failedRequests.toLocaleString('en-US')} of ${counted.requests.toLocaleString('en-US')} requests failed`;
  if ('failed834Posts' in counted) return `834 posts failed and retried: ${counted.failed834Posts}`;
  if ('slowestMs' in counted) return `slowest request ${seconds(counted.slowestMs)}`;
  return `${counted.deliveredAfterPause} enrollments confirmed in it, delivered after it`;
}

const PROMISED = ['lost', 'duplicate'] as const;

export function nemesisRow(facts: NemesisRunFacts): string[] {
  const other = DEFECT_CLASSES.filter((c) => !(PROMISED as readonly string[]).includes(c) && facts.classes[c] > 0).map((c) => `${c} ${facts.classes[c]}`);
  return [
    `\`${facts.spec}\``,
    facts.enrollments.toLocaleString('en-US'),
    eventText(facts.event),
    seconds(facts.event.outageMs),
    outageText(facts.counted),
    String(facts.classes.lost),
    String(facts.classes.duplicate),
    other.length > 0 ? other.join(', ') : '0',
    String(facts.exitCode),
  ];
}

/** Numbers as "#", except 0: what a count claims (something, or nothing), not the count a timed run happened to get. */
export const maskCounts = (text: string): string => text.replace(/\d[\d,]*(\.\d+)?/g, (m) => (Number(m.replace(/,/g, '')) === 0 ? '0' : '#'));

/**
 * What a row claims, whatever run measured it: the kind, the event (a kill restarts a new process, a pause resumes
 * the same one), that the outage was counted, and lost and duplicate. Not the timed figures, nor the other classes and
 * the exit code: a request in flight at a kill can be a phantom, and on a loaded machine the error rate outside the
 * windows can fail a run — the table shows them as measured.
 */
export function nemesisClaims(cells: readonly string[]): string[] {
  const [spec = '', , event = '', , counted = '', lost = '', duplicate = ''] = cells;
  return [spec, maskCounts(event), maskCounts(counted), `lost ${lost}`, `duplicate ${duplicate}`];
}
