// Writes the insurer's answers: a 999 (005010X231A1) per interchange, or a TA1 when the envelope itself is broken.
// The answer's envelope swaps the 834's sender and receiver; its control number is the insurer's own.

import { ACK_STATUS, FUNCTIONAL_ID, IMPLEMENTATION, SEGMENT as S, TRANSACTION_SET } from '../../domain/edi834/vocabulary.ts';
import type { IsaFacts } from './envelope.ts';
import type { SegmentProblem } from './problems.ts';

export interface TransactionVerdict {
  /** ST02 of the 834 transaction. */
  control: string;
  status: 'A' | 'E' | 'R';
  /** IK502 syntax error code when rejected for a structural reason (2 trailer missing, 3 control mismatch, 4 count, 5 segments in error). */
  code?: string;
  problems: SegmentProblem[];
}

export interface GroupVerdict {
  /** GS06 of the 834 group. */
  groupControl: string;
  functionalId: string;
  version: string;
  /** GE01 as declared. */
  declaredCount: number;
  transactions: TransactionVerdict[];
  /** AK9 syntax error codes of the group itself (3 trailer missing, 4 control mismatch, 5 count mismatch). */
  groupErrors: string[];
}

const MAX_IK3_PER_TRANSACTION = 20;
const pad = (value: string, width: number): string => value.slice(0, width).padEnd(width, ' ');
const pad2 = (n: number): string => String(n).padStart(2, '0');

function stamp(at: Date): { d8: string; d6: string; hhmm: string } {
  const d8 = `${at.getUTCFullYear()}${pad2(at.getUTCMonth() + 1)}${pad2(at.getUTCDate())}`;
  return { d8, d6: d8.slice(2), hhmm: `${pad2(at.getUTCHours())}${pad2(at.getUTCMinutes())}` };
}

/** Values echoed from the sender must not carry our delimiters into the answer. */
const safe = (value: string | undefined): string => (value ?? '').replace(/[~*>^\r\n]/g, ' ');

function isaLine(received: IsaFacts | undefined, control: number, at: Date): string {
  const t = stamp(at);
  const ctl = String(control).padStart(9, '0');
  return `ISA*00*${pad('', 10)}*00*${pad('', 10)}*ZZ*${pad(safe(received?.receiverId ?? 'INSURER'), 15)}*ZZ*${pad(safe(received?.senderId ?? 'UNKNOWN'), 15)}*${t.d6}*${t.hhmm}*^*${IMPLEMENTATION.isaVersion}*${ctl}*0*${received?.usage === 'P' ? 'P' : 'T'}*>~`;
}

function transactionLoop(t: TransactionVerdict): string[] {
  const lines = [`${S.ackTransaction}*${TRANSACTION_SET.enrollment}*${safe(t.control)}*${IMPLEMENTATION.enrollment}`];
  for (const p of t.problems.slice(0, MAX_IK3_PER_TRANSACTION)) {
    lines.push(`${S.ackSegmentError}*${safe(p.segmentId)}*${p.position}*${p.loop}*${p.code}`);
    if (p.element)
      lines.push(`${S.ackElementError}*${p.element.position}**${p.element.code}${p.element.value ? `*${safe(p.element.value).slice(0, 99)}` : ''}`);
  }
  const code = t.status === ACK_STATUS.accepted ? '' : `*${t.code ?? '5'}`;
  lines.push(`${S.ackTransactionStatus}*${t.status}${code}`);
  return lines;
}

function groupStatus(g: GroupVerdict): string {
  const accepted = g.transactions.filter((t) => t.status !== ACK_STATUS.rejected).length;
  if (g.groupErrors.length > 0 || accepted === 0) return ACK_STATUS.rejected;
  if (accepted < g.transactions.length) return ACK_STATUS.partiallyAccepted;
  return g.transactions.some((t) => t.status === ACK_STATUS.acceptedWithErrors) ? ACK_STATUS.acceptedWithErrors : ACK_STATUS.accepted;
}

export function groupAccepted(g: GroupVerdict): boolean {
  return groupStatus(g) !== ACK_STATUS.rejected;
}

export function build999(received: IsaFacts, groups: GroupVerdict[], control: number, at: Date): string {
  const t = stamp(at);
  const lines = [
    `GS*${FUNCTIONAL_ID.acknowledgement}*${safe(received.receiverId)}*${safe(received.senderId)}*${t.d8}*${t.hhmm}*${control}*X*${IMPLEMENTATION.acknowledgement}`,
  ];
  groups.forEach((g, index) => {
    const st = String(index + 1).padStart(4, '0');
    const body = [
      `ST*${TRANSACTION_SET.acknowledgement}*${st}*${IMPLEMENTATION.acknowledgement}`,
      `${S.ackGroup}*${safe(g.functionalId)}*${safe(g.groupControl)}*${safe(g.version)}`,
    ];
    for (const transaction of g.transactions) body.push(...transactionLoop(transaction));
    const accepted = g.transactions.filter((x) => x.status !== ACK_STATUS.rejected).length;
    const errors = g.groupErrors
      .slice(0, 5)
      .map((e) => `*${e}`)
      .join('');
    body.push(`${S.ackGroupStatus}*${groupStatus(g)}*${g.declaredCount}*${g.transactions.length}*${g.groupErrors.length > 0 ? 0 : accepted}${errors}`);
    body.push(`SE*${body.length + 1}*${st}`);
    lines.push(...body);
  });
  lines.push(`GE*${groups.length}*${control}`, `IEA*1*${String(control).padStart(9, '0')}`);
  return `${isaLine(received, control, at)}${lines.map((l) => `${l}~`).join('')}`;
}

/** TA1: the envelope was not accepted; TA101-103 echo the received ISA13/09/10 (zeros when unreadable). */
export function buildTa1(received: IsaFacts | undefined, note: string, control: number, at: Date): string {
  const ctl = /^\d{9}$/.test(received?.control ?? '') ? received!.control : '000000000';
  const date = /^\d{6}$/.test(received?.date ?? '') ? received!.date : '000000';
  const time = /^\d{4}$/.test(received?.time ?? '') ? received!.time : '0000';
  return `${isaLine(received, control, at)}${S.interchangeAck}*${ctl}*${date}*${time}*R*${note}~IEA*0*${String(control).padStart(9, '0')}~`;
}
