// Turns a sealed outbox batch into the 834 interchange addressed to its issuer, and reads the insurer's 999.
// The envelope is rebuilt from what the batch stored, so a retry sends byte-identical text with the same control number.

import { issuerById } from '../../domain/catalog.ts';
import { buildInterchange, readAcknowledgement } from '../../domain/edi834/index.ts';
import type { Acknowledgement } from './dispatcher.ts';
import type { OutboxBatch } from './store.ts';

/** The mock exchange as an 834 sender (N1*P5). The EIN is fictional. */
export const EXCHANGE_IDENTITY = { senderId: 'HARNESSEXCH', name: 'HARNESS MOCK EXCHANGE', ein: '990000001' } as const;

export function toInterchange(batch: OutboxBatch, addressedTo: string = batch.issuerId): string {
  const issuer = issuerById(addressedTo);
  return buildInterchange(batch.enrollments, {
    senderId: EXCHANGE_IDENTITY.senderId,
    receiverId: issuer.id,
    receiverName: issuer.name,
    receiverEin: issuer.ein,
    exchangeName: EXCHANGE_IDENTITY.name,
    exchangeEin: EXCHANGE_IDENTITY.ein,
    interchangeControl: batch.control,
    groupControl: batch.control,
    createdAt: new Date(batch.createdAt),
  });
}

export function readInsurerAcknowledgement(text: string): Acknowledgement {
  return readAcknowledgement(text);
}
