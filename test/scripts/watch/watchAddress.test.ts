// Where --watch serves: 127.0.0.1 only, on the port given or a free one; any other host or a port out of range is a
// usage error (exit 2) that says what to give.

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../vocabulary/errors.ts';
import { parseWatchAddress } from '../../../scripts/watch/watchAddress.ts';

describe('parseWatchAddress', () => {
  it.each([
    [true, 0],
    ['0', 0],
    ['8023', 8023],
    ['65535', 65535],
    ['127.0.0.1:8023', 8023],
    ['localhost:0', 0],
  ] as const)('takes %s as port %i on 127.0.0.1', (raw, port) => {
    expect(parseWatchAddress('--watch', raw)).toEqual({ host: '127.0.0.1', port });
  });

  it.each(['0.0.0.0:8023', '192.168.1.5:80', '[::]:8023', 'example.com:8023', ':8023'])('refuses the host of %s', (raw) => {
    expect(() => parseWatchAddress('--watch', raw)).toThrow(UsageError);
    expect(() => parseWatchAddress('--watch', raw)).toThrow(/served on 127\.0\.0\.1 only/);
  });

  it.each(['65536', '-1', 'abc', '80.5', '', '127.0.0.1:'])('refuses the port of "%s"', (raw) => {
    expect(() => parseWatchAddress('--watch', raw)).toThrow(/expected a port from 0 to 65535/);
  });
});
