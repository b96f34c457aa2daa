// Sending each item of the three streams to its partition: the same loops whether the main thread reads a whole
// stream or a thread reads one share of it (stream.ts). A confirmation's partition is its household's (the ledger says
// which household that is); a phantom's (no ledger entry) is where its confirmation number says.

import type { Household } from '../domain/household.ts';
import type { InsurerRecord } from '../domain/insurerRecord.ts';
import type { LedgerEntry } from '../domain/ledger.ts';
import { writeHousehold, writeLedger, writeRecord } from './lines.ts';
import type { PartitionTable } from './partitionTable.ts';
import { mayEnroll } from './reconcile.ts';
import type { PartitionFiles } from './spill.ts';

export type Stream<T> = Iterable<T> | AsyncIterable<T>;

/** FNV-1a, 30 bits (a small integer to V8). */
export function hash30(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x3fffffff;
}

/** Each item of a stream in turn; a plain iterable without awaiting each item (a microtask per item adds up at ten million). */
export async function each<T>(stream: Stream<T>, use: (item: T) => void): Promise<void> {
  if (Symbol.iterator in stream) for (const item of stream) use(item);
  else for await (const item of stream) use(item);
}

/** The ledger, whole and in order: the first entry of each confirmation number goes to its household's partition. */
export async function partitionLedger(ledger: Stream<LedgerEntry>, files: PartitionFiles, partitionOf: PartitionTable): Promise<void> {
  const count = files.count;
  let seq = 0;
  await each(ledger, (entry) => {
    const at = seq++;
    const partition = hash30(entry.householdId) % count;
    if (partitionOf.addIfAbsent(entry.confirmationNumber, partition)) writeLedger(files, partition, at, entry);
  });
}

/** Households (all, or a share in order): how many may enroll. */
export async function partitionHouseholds(households: Stream<Household>, files: PartitionFiles): Promise<number> {
  const count = files.count;
  let intended = 0;
  await each(households, (h) => {
    if (mayEnroll(h)) intended++;
    writeHousehold(files, hash30(h.id) % count, h);
  });
  return intended;
}

/** Insurer records (all, or a share): `firstSeq` numbers them, above every number of the shares before. */
export async function partitionRecords(received: Stream<InsurerRecord>, files: PartitionFiles, partitionOf: PartitionTable, firstSeq = 0): Promise<void> {
  const count = files.count;
  let seq = firstSeq;
  await each(received, (r) => {
    const partition = partitionOf.get(r.confirmationNumber);
    writeRecord(files, partition >= 0 ? partition : hash30(r.confirmationNumber) % count, seq++, r);
  });
}
