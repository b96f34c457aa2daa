// The applicants one worker needs: journey k takes applicant k (the k-th household of the NDJSON file), and a worker
// running segment i of n only ever runs journeys k ≡ i (mod n), so it parses and keeps only those households (and,
// when asked, the file's last few, which the security probes use). The file streams: memory is this segment's share.

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Household } from '../../domain/household.ts';
import type { Segment } from '../../engine/schedule.ts';
import { UsageError } from '../../vocabulary/errors.ts';

export interface SegmentApplicants {
  /** Households in the whole file. */
  readonly total: number;
  /** Applicant k, when k is in this segment and in the file; undefined otherwise. */
  at(k: number): Household | undefined;
  /** The file's last `n` households (at most the `keepLast` loaded), oldest first. */
  last(n: number): Household[];
}

const FIELDS: [keyof Household, 'string' | 'object'][] = [
  ['id', 'string'],
  ['email', 'string'],
  ['zip', 'string'],
  ['members', 'object'],
  ['plan', 'object'],
  ['expected', 'object'],
];

function householdOf(line: string, where: string): Household {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new UsageError(
      where,
      'one JSON household per line',
      `The line is not JSON (${(error as Error).message}); regenerate the file with \`harness generate\`.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(where, 'a JSON object (a household)', 'Regenerate the file with `harness generate`.');
  for (const [field, type] of FIELDS) {
    const actual = (value as Record<string, unknown>)[field];
    if (typeof actual !== type || actual === null) {
      throw new UsageError(
        where,
        `household field "${field}" to be a ${type}, got ${actual === null ? 'null' : typeof actual}`,
        'The file was not written by `harness generate`; regenerate it.',
      );
    }
  }
  return value as Household;
}

/** Reads the households of `segment` from `file`; `keepLast` also keeps the file's last few, whatever their segment. */
export async function loadSegmentApplicants(file: string, segment: Segment, options: { keepLast?: number } = {}): Promise<SegmentApplicants> {
  const keepLast = options.keepLast ?? 0;
  const mine: Household[] = [];
  const tail: { line: string; where: string }[] = [];
  let k = 0;
  let lineNumber = 0;
  const input = createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (error) {
    throw new UsageError(
      `applicantsFile ${file}`,
      'an applicants NDJSON file (one household a line)',
      `Check the path (${(error as NodeJS.ErrnoException).code}); write one with \`harness generate --count N --seed S --out FILE\`.`,
    );
  }
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === '') continue;
    const where = `${file}:${lineNumber}`;
    if (k % segment.of === segment.index) mine.push(householdOf(line, where));
    if (keepLast > 0) {
      tail.push({ line, where });
      if (tail.length > keepLast) tail.shift();
    }
    k++;
  }
  if (k === 0)
    throw new UsageError(
      `applicantsFile ${file}`,
      'at least one household',
      'The file is empty; write one with `harness generate --count N --seed S --out FILE`.',
    );
  const kept = tail.map(({ line, where }) => householdOf(line, where));
  return {
    total: k,
    at: (n) => (Number.isInteger(n) && n >= 0 && n % segment.of === segment.index ? mine[(n - segment.index) / segment.of] : undefined),
    last: (n) => kept.slice(Math.max(0, kept.length - n)),
  };
}

/**
 * Journey k's applicant. Running out is the plan's fault, not the exchange's: the journey ends with an error saying
 * what to do (one message for all, so the run's list of journey errors shows it once; journey_errors counts them).
 */
export function applicantFor(applicants: SegmentApplicants, k: number): Household {
  const household = applicants.at(k);
  if (household === undefined)
    throw new Error(`all ${applicants.total} applicants used: the plan made more journeys than the file holds; rerun with a larger --scale`);
  return household;
}
