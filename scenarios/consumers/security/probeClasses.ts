// The security profile's probe classes as plain data (no imports): the scenario tags its checks with them, the
// profile builds one threshold per class from them, and the docs and tests name the same classes.

export const PROBE_CLASSES = {
  cross_account: "another account's application or enrollment read or changed by id",
  missing_token: 'an application or enrollment served with no bearer token',
  expired_token: 'a token past its expiry accepted',
  forged_token: "a token with a wrong signature accepted (another account's id, an unsigned token, a stretched expiry)",
  injection: 'an injection string in a text field crashed the exchange (5xx) or passed a field with a format',
  oversized_body: 'a body far over the limit read (not 413) or crashed the exchange',
  malformed_body: 'a body that is not a JSON object accepted or crashed the exchange (5xx)',
  content_type: 'a JSON body sent as another content type accepted',
  enumeration: "another account's id answered differently from an id that does not exist",
  rate_limit: 'one client sent more requests than the rate limit allows without a 429',
} as const;

export type ProbeClass = keyof typeof PROBE_CLASSES;
export const PROBE_CLASS_NAMES = Object.keys(PROBE_CLASSES) as ProbeClass[];

/** The last applicants of a security run's file are the probes' own: the victim, and the household attackers apply with. */
export const SECURITY_PROBE_HOUSEHOLDS = 2;
