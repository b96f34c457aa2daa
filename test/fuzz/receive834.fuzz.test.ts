// Bounded-time fuzzing of the insurer's 834 path (envelope check, node-x12 parse, transaction reading, 999/TA1):
// whatever the bytes, receive834 answers with an acknowledgement the exchange can read, and never throws.
// Fixed run counts and a time budget each, so CI time is bounded; a failure prints fast-check's seed to replay it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildInterchange, readAcknowledgement } from '../../domain/edi834/index.ts';
import { receive834 } from '../../mock-exchange/insurer/receive834.ts';
import { envelope, familyEnrollment, singleEnrollment } from '../domain/edi834/fixtures.ts';

const BUDGET = { numRuns: 400, interruptAfterTimeLimit: 8_000 } as const;
const OUTCOMES = ['accepted', 'partial', 'rejected', 'envelopeRejected'];
const valid = buildInterchange([familyEnrollment(), singleEnrollment(2)], envelope({ interchangeControl: 42 }));

/** The property: an answer that is a readable 999 or TA1, an outcome, and records only when something was accepted. */
function answersSanely(text: string): void {
  const receipt = receive834(text, { receivedAt: new Date('2026-01-02T03:04:05Z'), ackControl: 1 });
  expect(OUTCOMES).toContain(receipt.outcome);
  const ack = readAcknowledgement(receipt.answer);
  if (receipt.outcome === 'envelopeRejected' || receipt.outcome === 'rejected') expect(receipt.records).toEqual([]);
  if (receipt.records.length > 0) expect(ack.transactions.some((t) => t.status === 'A')).toBe(true);
}

const segments = valid.split('~').filter(Boolean);

/** Edits of a valid interchange: the inputs most likely to get past the envelope and into the parser. */
const mutated = fc.oneof(
  fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
  fc.tuple(fc.nat({ max: valid.length }), fc.string({ maxLength: 20 })).map(([at, s]) => valid.slice(0, at) + s + valid.slice(at)),
  fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 40 })).map(([at, n]) => valid.slice(0, at) + valid.slice(at + n)),
  fc.tuple(fc.constantFrom('*', '~', '>', '^'), fc.constantFrom('|', '\n', '', '**', '~~', '\u0000')).map(([from, to]) => valid.replaceAll(from, to)),
  fc
    .array(fc.nat({ max: segments.length - 1 }), { minLength: 1, maxLength: segments.length * 2 })
    .map((order) => `${order.map((i) => segments[i]).join('~')}~`),
  fc
    .tuple(fc.nat({ max: segments.length - 1 }), fc.string({ maxLength: 12 }))
    .map(([i, element]) => `${segments.map((s, j) => (j === i ? `${s}*${element}` : s)).join('~')}~`),
);

describe('receive834 under fuzzing', () => {
  it('answers any edit of a valid interchange with a readable acknowledgement', () => {
    fc.assert(
      fc.property(mutated, (text) => answersSanely(text)),
      BUDGET,
    );
  }, 30_000);

  it('answers arbitrary text and bytes (as Latin-1 text) with a readable acknowledgement', () => {
    const arbitrary = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.string({ maxLength: 300 }).map((tail) => valid.slice(0, 106) + tail),
    );
    fc.assert(
      fc.property(arbitrary, (text) => answersSanely(text)),
      BUDGET,
    );
  }, 30_000);

  it('answers a huge interchange (1,000 transactions) in bounded time', () => {
    const many = buildInterchange(
      Array.from({ length: 1_000 }, (_, i) => singleEnrollment(i + 1)),
      envelope({ interchangeControl: 43 }),
    );
    const started = performance.now();
    const receipt = receive834(many, { receivedAt: new Date(), ackControl: 2 });
    expect(receipt.transactions.accepted).toBe(1_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
