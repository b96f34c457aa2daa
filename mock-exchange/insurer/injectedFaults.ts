// insurer.* faults counted per enrollment, as reconciliation counts: each switch counts the distinct confirmations
// (BGN02) of the 834s it hit, so a retried interchange is one enrollment affected, not one per attempt.

import { SEGMENT as S } from '../../domain/edi834/vocabulary.ts';
import type { IsaFacts } from './envelope.ts';

/** The BGN02 confirmation numbers of an interchange, read with the delimiters its ISA declares; none without one. */
export function confirmationsIn(text: string, isa: IsaFacts | undefined): string[] {
  if (!isa) return [];
  const found: string[] = [];
  for (const segment of text.split(isa.segmentTerminator)) {
    const elements = segment.trim().split(isa.elementDelimiter);
    if (elements[0] === S.beginning && elements[2]) found.push(elements[2]);
  }
  return found;
}

export function createInjectedCounter() {
  const hit = new Map<string, Set<string>>();
  return {
    count(fault: string, confirmations: readonly string[]): void {
      const seen = hit.get(fault) ?? new Set<string>();
      hit.set(fault, seen);
      for (const confirmation of confirmations) seen.add(confirmation);
    },
    /** Enrollments affected, by switch name; a switch that hit only unreadable posts counts 0 but is listed. */
    counts(): Record<string, number> {
      return Object.fromEntries([...hit].sort(([a], [b]) => a.localeCompare(b)).map(([fault, seen]) => [fault, seen.size]));
    },
  };
}

export type InjectedCounter = ReturnType<typeof createInjectedCounter>;
