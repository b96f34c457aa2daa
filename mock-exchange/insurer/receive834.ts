// One 834 post from envelope to answer: check the envelope (TA1), then each group and transaction (999),
// and collect the member records of every accepted transaction. Pure apart from the clock passed in.

import type { X12FunctionalGroup } from 'node-x12';
import type { InsurerRecord } from '../../domain/insurerRecord.ts';
import { FUNCTIONAL_ID, IMPLEMENTATION, TRANSACTION_SET, type Layout } from '../../domain/edi834/vocabulary.ts';
import { build999, buildTa1, groupAccepted, type GroupVerdict, type TransactionVerdict } from './acknowledgement.ts';
import { checkEnvelope, type IsaFacts } from './envelope.ts';
import { readTransaction } from './readTransaction.ts';
import { toRecords } from './toRecords.ts';

export type ReceiveOutcome = 'accepted' | 'partial' | 'rejected' | 'envelopeRejected';

/** One rejected transaction set as the 999 reports it: IK502 and the IK3/IK4 codes (never the values). */
export interface Rejection {
  /** ST02 of the transaction; '' for a rejection of the whole group or interchange. */
  transaction: string;
  /** GS06 of its group. */
  group: string;
  /** IK502 (transaction), AK905 (group) or TA105 (interchange) code. */
  code: string;
  /** IK3 segment, position, loop and IK304 code, with IK4 element position and IK403 code when there is one. */
  errors: string[];
}

export interface Receipt {
  /** The 999 or TA1 text to answer with. */
  answer: string;
  outcome: ReceiveOutcome;
  isa: IsaFacts | undefined;
  records: InsurerRecord[];
  transactions: { accepted: number; rejected: number };
  /** Why, for the insurer's log (never sent). */
  reasons: string[];
  /** Every rejected transaction (or group, or the envelope) with its 999 / TA1 code, for the insurer's log. */
  rejections: Rejection[];
  /**
   * How loop 2750 was written: `exchange` (REF*9V / 9X / 17 with DTP*007) or `legacy` (all in REF*9X) — `legacy` when
   * any transaction read used the older usage; undefined when no transaction got as far as being read.
   */
  layout: Layout | undefined;
}

export interface ReceiveOptions {
  receivedAt: Date;
  ackControl: number;
  /** insurer.reject: answer a valid interchange with a rejecting 999 and store nothing. */
  forceReject?: boolean;
}

function judgeGroup(
  group: X12FunctionalGroup,
  isa: IsaFacts,
  receivedAt: string,
  records: InsurerRecord[],
  reasons: string[],
  forceReject: boolean,
  rejections: Rejection[],
  layouts: Layout[],
): GroupVerdict {
  const header = group.header;
  const groupControl = header?.valueOf(6, '') ?? '';
  const verdict: GroupVerdict = {
    groupControl,
    functionalId: header?.valueOf(1, '') ?? '',
    version: header?.valueOf(8, '') ?? '',
    declaredCount: Number(group.trailer?.valueOf(1, '0') ?? 0) || 0,
    transactions: [],
    groupErrors: [],
  };
  if (verdict.functionalId !== FUNCTIONAL_ID.enrollment) verdict.groupErrors.push('1');
  if (verdict.version !== IMPLEMENTATION.enrollment) verdict.groupErrors.push('2');
  if (!group.trailer) verdict.groupErrors.push('3');
  else {
    if (group.trailer.valueOf(2, '') !== groupControl) verdict.groupErrors.push('4');
    if (verdict.declaredCount !== group.transactions.length) verdict.groupErrors.push('5');
  }
  if (verdict.groupErrors.length > 0) reasons.push(`group ${groupControl}: AK9 codes ${verdict.groupErrors.join(', ')}`);
  const seen = new Set<string>();
  const accepted: InsurerRecord[] = [];
  for (const transaction of group.transactions) {
    const control = transaction.header?.valueOf(2, '') ?? '';
    const t: TransactionVerdict = { control, status: 'R', problems: [] };
    if (transaction.header?.valueOf(1) !== TRANSACTION_SET.enrollment) t.code = '1';
    else if (!transaction.trailer) t.code = '2';
    else if (transaction.trailer.valueOf(2, '') !== control) t.code = '3';
    else if (Number(transaction.trailer.valueOf(1, '')) !== transaction.segments.length + 2) t.code = '4';
    else if (seen.has(control)) t.code = '23';
    seen.add(control);
    if (!t.code) {
      const read = readTransaction(transaction);
      layouts.push(read.layout);
      t.problems = read.problems;
      if (read.problems.length > 0) t.code = '5';
      else if (forceReject) t.code = '5';
      else {
        t.status = 'A';
        const facts = {
          senderId: isa.senderId,
          receiverIssuerId: header?.valueOf(3, '') ?? isa.receiverId,
          interchangeControl: Number(isa.control),
          transactionControl: control,
          receivedAt,
        };
        accepted.push(...toRecords(read, facts));
      }
    }
    if (t.status === 'R') reasons.push(`transaction ${control}: IK5 R ${t.code}${t.problems.length ? ` — ${t.problems.map((p) => p.why).join('; ')}` : ''}`);
    verdict.transactions.push(t);
  }
  // A group rejected as a whole (AK9 R) stores none of its transactions.
  if (verdict.groupErrors.length > 0) {
    for (const t of verdict.transactions) t.status = 'R';
    rejections.push({ transaction: '', group: groupControl, code: verdict.groupErrors.join(','), errors: [] });
  } else records.push(...accepted);
  for (const t of verdict.transactions.filter((v) => v.status === 'R' && v.code)) {
    const errors = t.problems.map(
      (p) =>
        `IK3 ${p.segmentId} at ${p.position}${p.loop ? ` loop ${p.loop}` : ''} code ${p.code}${p.element ? `, IK4 element ${p.element.position} code ${p.element.code}` : ''}`,
    );
    rejections.push({ transaction: t.control, group: groupControl, code: t.code!, errors });
  }
  return verdict;
}

export function receive834(text: string, options: ReceiveOptions): Receipt {
  const envelope = checkEnvelope(text);
  if (!envelope.ok) {
    return {
      answer: buildTa1(envelope.isa, envelope.note, options.ackControl, options.receivedAt),
      outcome: 'envelopeRejected',
      isa: envelope.isa,
      records: [],
      transactions: { accepted: 0, rejected: 0 },
      reasons: [`TA1 note ${envelope.note}: ${envelope.detail}`],
      rejections: [{ transaction: '', group: '', code: envelope.note, errors: [] }],
      layout: undefined,
    };
  }
  const records: InsurerRecord[] = [];
  const reasons: string[] = [];
  const rejections: Rejection[] = [];
  if (options.forceReject) reasons.push('insurer.reject fault: valid transactions answered R');
  const receivedAt = options.receivedAt.toISOString();
  const layouts: Layout[] = [];
  const groups = envelope.interchange.functionalGroups.map((g) =>
    judgeGroup(g, envelope.isa, receivedAt, records, reasons, options.forceReject ?? false, rejections, layouts),
  );
  const all = groups.flatMap((g) => g.transactions);
  const accepted = all.filter((t) => t.status !== 'R').length;
  const outcome = groups.every((g) => !groupAccepted(g)) ? 'rejected' : accepted === all.length ? 'accepted' : 'partial';
  return {
    answer: build999(envelope.isa, groups, options.ackControl, options.receivedAt),
    outcome,
    isa: envelope.isa,
    records,
    transactions: { accepted, rejected: all.length - accepted },
    reasons,
    rejections,
    layout: layouts.length === 0 ? undefined : layouts.includes('legacy') ? 'legacy' : 'exchange',
  };
}
