// Public entry of the 834 module: the generator, the 999/TA1 reader, and the shared vocabulary.

export { buildInterchange, transactionControl, type InterchangeEnvelope } from './buildInterchange.ts';
export { readAcknowledgement, type Acknowledgement, type TransactionAck } from './readAcknowledgement.ts';
export { subscriberIdOf } from './memberLoop.ts';
export * from './vocabulary.ts';
