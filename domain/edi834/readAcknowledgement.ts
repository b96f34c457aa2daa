// Reads an insurer's answer to an 834: a 999 (parsed with node-x12) or a TA1 (envelope rejected).
// The exchange uses it to settle each enrollment as accepted or rejected; anything unreadable throws (and is retried).

import { X12Parser, type X12Interchange, type X12Segment } from 'node-x12';
import { ACK_STATUS, SEGMENT as S, TRANSACTION_SET } from './vocabulary.ts';

export interface TransactionAck {
  /** AK202: the ST02 control number of the acknowledged 834 transaction. */
  control: string;
  status: 'A' | 'E' | 'R';
  errors: string[];
}

export interface Acknowledgement {
  accepted: boolean;
  transactions: TransactionAck[];
}

/** A TA1 names the interchange only; node-x12 drops segments outside a group, so split it by the ISA's delimiters. */
function readTa1(text: string): Acknowledgement | undefined {
  const element = text.charAt(3);
  const terminator = text.charAt(105);
  const ta1 = text
    .split(terminator)
    .map((s) => s.trim().split(element))
    .find((elements) => elements[0] === S.interchangeAck);
  if (!ta1) return undefined;
  return { accepted: ta1[4] === ACK_STATUS.accepted || ta1[4] === ACK_STATUS.acceptedWithErrors, transactions: [] };
}

function describeSegmentError(segment: X12Segment): string {
  return `segment ${segment.valueOf(1, '?')} at position ${segment.valueOf(2, '?')}${segment.valueOf(3) ? ` (loop ${segment.valueOf(3)})` : ''}: code ${segment.valueOf(4, '?')}`;
}

function describeElementError(segment: X12Segment): string {
  const bad = segment.valueOf(4);
  return `element ${segment.valueOf(1, '?')}: code ${segment.valueOf(3, '?')}${bad ? ` (value ${JSON.stringify(bad)})` : ''}`;
}

function statusOf(code: string): TransactionAck['status'] {
  if (code === ACK_STATUS.accepted || code === ACK_STATUS.acceptedWithErrors) return code;
  return 'R';
}

function readTransactions(segments: X12Segment[]): { transactions: TransactionAck[]; groupStatus: string | undefined } {
  const transactions: TransactionAck[] = [];
  let current: TransactionAck | undefined;
  let groupStatus: string | undefined;
  for (const segment of segments) {
    if (segment.tag === S.ackTransaction) {
      current = { control: segment.valueOf(2, ''), status: 'R', errors: [] };
      transactions.push(current);
    } else if (segment.tag === S.ackSegmentError && current) current.errors.push(describeSegmentError(segment));
    else if (segment.tag === S.ackElementError && current) current.errors.push(describeElementError(segment));
    else if (segment.tag === S.ackTransactionStatus && current) {
      current.status = statusOf(segment.valueOf(1, 'R'));
      const codes = [2, 3, 4, 5, 6].map((i) => segment.valueOf(i)).filter(Boolean);
      if (codes.length > 0) current.errors.push(`transaction status ${segment.valueOf(1)}: codes ${codes.join(', ')}`);
    } else if (segment.tag === S.ackGroupStatus) groupStatus = segment.valueOf(1);
  }
  return { transactions, groupStatus };
}

export function readAcknowledgement(text: string): Acknowledgement {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith(S.interchangeHeader) || trimmed.length < 106) {
    throw new Error(`insurer acknowledgement: expected an X12 999 or TA1 starting with ISA, got ${JSON.stringify(trimmed.slice(0, 40))}`);
  }
  let interchange: X12Interchange;
  try {
    interchange = new X12Parser(false).parse(trimmed) as X12Interchange;
  } catch (error) {
    throw new Error(`insurer acknowledgement: not parseable X12 (${(error as Error).message})`);
  }
  const groups = interchange.functionalGroups ?? [];
  if (groups.length === 0) {
    const ta1 = readTa1(trimmed);
    if (ta1) return ta1;
    throw new Error('insurer acknowledgement: expected a 999 functional group or a TA1, found neither');
  }
  const transactions: TransactionAck[] = [];
  const statuses: string[] = [];
  for (const group of groups) {
    for (const transaction of group.transactions) {
      if (transaction.header?.valueOf(1) !== TRANSACTION_SET.acknowledgement) continue;
      const read = readTransactions(transaction.segments);
      transactions.push(...read.transactions);
      if (read.groupStatus) statuses.push(read.groupStatus);
    }
  }
  if (statuses.length === 0) throw new Error('insurer acknowledgement: a 999 without AK9 (group status); cannot tell accepted from rejected');
  const accepted = statuses.every((s) => s !== ACK_STATUS.rejected);
  return { accepted, transactions };
}
