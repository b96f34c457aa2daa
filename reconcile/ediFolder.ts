// The insurer's side read from a folder of X12 834 files a real back end received, with the mock insurer's own reader
// (receive834: envelope, groups, transactions, member records), so `harness reconcile --ledger --edi DIR` reconciles a
// real back end exactly as a run reconciles the mock. A file that does not read is a finding, not a crash.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import { receive834 } from '../mock-exchange/insurer/receive834.ts';
import { UsageError } from '../vocabulary/errors.ts';

export interface EdiFile {
  name: string;
  text: string;
  /** When the back end received it: the file's modification time. */
  receivedAt: Date;
}

export interface EdiProblem {
  file: string;
  detail: string;
}

export interface EdiFolderRead {
  files: number;
  /** Interchanges whose envelope read. */
  interchanges: number;
  /** Interchanges with a sender and control number seen in an earlier file: a re-send adds no member already kept. */
  resent: number;
  transactions: { accepted: number; rejected: number };
  /** Files that are no readable interchange, and transactions an insurer would reject (999 R), by file. */
  problems: EdiProblem[];
  records: InsurerRecord[];
}

/** Pure: the records of every readable interchange, oldest file first, kept once per sender, ISA13, ST02 and member (as the insurer's store keeps them). */
export function readInterchanges(files: EdiFile[]): EdiFolderRead {
  const ordered = [...files].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.name.localeCompare(b.name));
  const out: EdiFolderRead = { files: files.length, interchanges: 0, resent: 0, transactions: { accepted: 0, rejected: 0 }, problems: [], records: [] };
  const seenInterchanges = new Set<string>();
  const seenMembers = new Set<string>();
  for (const file of ordered) {
    const receipt = receive834(file.text, { receivedAt: file.receivedAt, ackControl: 1 });
    if (receipt.outcome === 'envelopeRejected' || !receipt.isa) {
      out.problems.push({ file: file.name, detail: `not a readable 834 interchange: ${receipt.reasons.join('; ')}` });
      continue;
    }
    out.interchanges++;
    const interchange = `${receipt.isa.senderId}\u0000${Number(receipt.isa.control)}`;
    if (seenInterchanges.has(interchange)) out.resent++;
    seenInterchanges.add(interchange);
    out.transactions.accepted += receipt.transactions.accepted;
    out.transactions.rejected += receipt.transactions.rejected;
    if (receipt.outcome !== 'accepted')
      out.problems.push({
        file: file.name,
        detail: `${receipt.outcome === 'rejected' ? 'rejected' : 'partly rejected'} as an insurer would (999): ${receipt.reasons.slice(0, 5).join('; ')}`,
      });
    for (const r of receipt.records) {
      const key = `${r.senderId}\u0000${r.interchangeControl}\u0000${r.transactionControl}\u0000${r.memberIndex}`;
      if (seenMembers.has(key)) continue;
      seenMembers.add(key);
      out.records.push(r);
    }
  }
  return out;
}

/** Every file of `dir` (not hidden, not in sub-folders) as an interchange; a UsageError when there is nothing to reconcile. */
export function readEdiFolder(dir: string): EdiFolderRead {
  const input = `--edi ${dir}`;
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(
      input,
      'a folder of X12 834 files the back end received',
      'Give the folder the insurer (or your back end) keeps the 834 interchanges in, one interchange a file.',
    );
  const names = readdirSync(dir)
    .filter((name) => !name.startsWith('.') && statSync(join(dir, name)).isFile())
    .sort();
  if (names.length === 0)
    throw new UsageError(input, 'at least one 834 file', 'The folder holds no files; copy the interchanges the back end received into it.');
  const files = names.map((name): EdiFile => {
    const path = join(dir, name);
    return { name, text: readFileSync(path, 'utf8'), receivedAt: statSync(path).mtime };
  });
  const read = readInterchanges(files);
  if (read.interchanges === 0) {
    const first = read.problems[0]!;
    throw new UsageError(
      `${join(dir, first.file)}${read.problems.length > 1 ? ` (and the ${read.problems.length - 1} other file(s) of ${dir})` : ''}`,
      'an X12 834 interchange (ISA … IEA)',
      `None of the folder's files reads as one: ${first.detail}.`,
    );
  }
  return read;
}
