// The fault table of docs/faults.md: each fault switch that touches enrollments or their delivery, run once, with what
// it injected, what the harness detected of it, anything found in another class, and the run's exit code — plus a run
// with no fault at all. Pure: the rows come from run folders (runFacts.ts), the test compares them with the page.

import { DEFECT_CLASSES, type DefectClass } from '../../reconcile/reconcile.ts';
import { GARBLE_FIELDS, type GarbleField } from '../../mock-exchange/faults/switches.ts';

/**
 * Where a switch's injections must show. Most are a reconciliation class (a garble: its field too); a fault the system
 * is built to absorb (an insurer answering 500 or 503: the exchange retries) is in no class, and is seen where it is
 * counted instead: the exchange's failed 834 posts, or the load engine's failed requests.
 */
export type Detection = { class: DefectClass; field?: GarbleField } | { counted: 'failed834Posts'; status: 500 | 503 } | { counted: 'failedRequests' };

/** How each switch the table runs is detected: the one list the fault-matrix test and the table follow. */
export const DETECTED_AS: Readonly<Record<string, Detection>> = {
  'backend.drop': { class: 'lost' },
  'backend.duplicate': { class: 'duplicate' },
  'backend.misroute': { class: 'misrouted' },
  'backend.delay': { class: 'late' },
  'exchange.wrongSubsidy': { class: 'subsidyMismatch' },
  ...Object.fromEntries(GARBLE_FIELDS.map((field) => [`backend.garble.${field}`, { class: 'garbled', field }])),
  'insurer.reject': { class: 'lost' },
  'insurer.error': { counted: 'failed834Posts', status: 500 },
  'insurer.down': { counted: 'failed834Posts', status: 503 },
  'exchange.error': { counted: 'failedRequests' },
};

export function detectionOf(fault: string): Detection {
  const detection = DETECTED_AS[fault];
  if (!detection) throw new Error(`fault "${fault}": expected one of ${Object.keys(DETECTED_AS).join(', ')} (scripts/faultFigures/faultTable.ts)`);
  return detection;
}

/** What one run measured, read from its folder. `fault` is '' for the run with no fault. */
export interface FaultRunFacts {
  /** The --faults spec as run. */
  spec: string;
  fault: string;
  /** Enrollments confirmed to consumers. */
  enrollments: number;
  /** injected.json's count for the switch. */
  injected: number;
  classes: Record<DefectClass, number>;
  garbledByField: Partial<Record<string, number>>;
  /** Enrollments in 834 posts the exchange saw fail, by HTTP status (distinct posts). */
  failed834Enrollments: Partial<Record<number, number>>;
  /** Requests the load engine counted failed. */
  failedRequests: number;
  exitCode: number;
}

export const FAULT_TABLE_HEADER = ['fault, as run', 'found as', 'enrollments', 'injected', 'detected', 'other classes', 'exit'] as const;

function foundAs(detection: Detection | undefined): string {
  if (!detection) return '— (no fault)';
  if ('class' in detection) return detection.field ? `\`${detection.class}\` (\`${detection.field}\`)` : `\`${detection.class}\``;
  if (detection.counted === 'failedRequests') return 'no class: requests failed (load engine)';
  return `no class: 834 posts failed (${detection.status}) and retried (exchange log)`;
}

/** How many of the run's enrollments (or requests) were found the way the switch must show. */
export function detectedCount(facts: FaultRunFacts, detection: Detection | undefined): number {
  if (!detection) return 0;
  if ('class' in detection) return detection.field ? (facts.garbledByField[detection.field] ?? 0) : facts.classes[detection.class];
  if (detection.counted === 'failedRequests') return facts.failedRequests;
  return facts.failed834Enrollments[detection.status] ?? 0;
}

/** Defects found outside the switch's own class ("late 2, phantom 1"), or "0". Garbled in another field counts too. */
export function otherClasses(facts: FaultRunFacts, detection: Detection | undefined): string {
  const other: string[] = [];
  for (const c of DEFECT_CLASSES) {
    let count = facts.classes[c];
    if (detection && 'class' in detection && detection.class === c) count -= detectedCount(facts, detection);
    if (count > 0) other.push(`${c} ${count}`);
  }
  return other.length > 0 ? other.join(', ') : '0';
}

const n = (value: number): string => value.toLocaleString('en-US');

export function faultRow(facts: FaultRunFacts): string[] {
  const detection = facts.fault === '' ? undefined : detectionOf(facts.fault);
  return [
    facts.fault === '' ? 'none' : `\`${facts.spec}\``,
    foundAs(detection),
    n(facts.enrollments),
    n(facts.injected),
    n(detectedCount(facts, detection)),
    otherClasses(facts, detection),
    String(facts.exitCode),
  ];
}

const count = (cell: string | undefined): number => Number((cell ?? '').replace(/,/g, ''));

/**
 * What a row claims, whatever run measured it: the fault, where it shows, that something was injected, that exactly
 * as much was detected, the other classes and the exit code. Not the counts themselves: confirmation numbers are
 * random, so which enrollments a rate hits (and how many) changes from run to run.
 */
export function faultClaims(cells: readonly string[]): string[] {
  const [fault = '', found = '', , injected, detected, other = '', exit = ''] = cells;
  return [
    fault,
    found,
    count(injected) > 0 ? 'injected' : 'none injected',
    count(detected) === count(injected) ? 'detected = injected' : `detected ${detected} ≠ injected ${injected}`,
    `other classes: ${other}`,
    `exit ${exit}`,
  ];
}
