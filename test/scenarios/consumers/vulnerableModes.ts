// Each vulnerable mode of the mock exchange and the probe classes that must find it: one table for the journeys'
// tests and the end-to-end security runs. (A skipped ownership check also lets ids be told apart; unvalidated
// input also takes a JSON object with no application in it.)

import type { ProbeClass } from '../../../scenarios/consumers/security/probeClasses.ts';

export const VULNERABLE_MODES: [fault: string, caughtBy: ProbeClass[]][] = [
  ['exchange.skipOwnershipCheck', ['cross_account', 'enumeration']],
  ['exchange.skipAuthentication', ['missing_token']],
  ['exchange.acceptExpiredTokens', ['expired_token']],
  ['exchange.acceptForgedTokens', ['forged_token']],
  ['exchange.noInputValidation', ['injection', 'malformed_body']],
  ['exchange.noBodyLimit', ['oversized_body']],
  ['exchange.badJsonCrash', ['malformed_body']],
  ['exchange.laxContentType', ['content_type']],
  ['exchange.revealForeignIds', ['enumeration']],
  ['exchange.noRateLimit', ['rate_limit']],
];
