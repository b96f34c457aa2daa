// The one check every command that sends load applies to the URL it is pointed at (`hit URL`, `run --base-url`):
// an absolute http:// URL on loopback, unless the user says --allow-remote for a target they are permitted to load.

import { isLoopbackHost } from '../../engine/loopback.ts';
import { UsageError } from '../../vocabulary/errors.ts';

/** The parsed URL, or a UsageError naming `input` (e.g. "URL x" or "--base-url x"), before any request is sent. */
export function loadTargetUrl(input: string, raw: string, allowRemote: boolean | undefined, example = 'http://127.0.0.1:8080/health'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(input, `an absolute http:// URL such as ${example}`, 'Give the full URL, scheme included.');
  }
  if (url.protocol !== 'http:') throw new UsageError(input, 'an http:// URL', 'The engine speaks plain HTTP/1.1; point it at an http:// address.');
  if (!isLoopbackHost(url.hostname) && !allowRemote) {
    throw new UsageError(
      input,
      'a loopback host (127.0.0.0/8, ::1, localhost)',
      'Load goes only to this machine unless you add --allow-remote, for a target you are permitted to load.',
    );
  }
  return url;
}
