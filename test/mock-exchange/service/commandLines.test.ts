// The services' command lines: what the starters build is what the entries parse, flag for flag (parseArgs is strict:
// a flag the entry does not know throws), and a flag left undefined keeps the entry's default.

import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_OPTIONS, exchangeArgs, INSURER_OPTIONS, insurerArgs } from '../../../mock-exchange/service/commandLines.ts';

describe('service command lines', () => {
  it('the exchange parses every flag exchangeArgs builds, to the values given', () => {
    const args = exchangeArgs({
      port: 0,
      'data-dir': '/tmp/x',
      'insurer-url': 'http://127.0.0.1:9',
      faults: '',
      'waiting-room-capacity': 5,
      workers: 2,
      'rate-limit': 60,
      'password-cost': 16,
    });
    const { values } = parseArgs({ args, options: EXCHANGE_OPTIONS, strict: true });
    expect(values).toEqual({
      port: '0',
      host: '127.0.0.1',
      'data-dir': '/tmp/x',
      'insurer-url': 'http://127.0.0.1:9',
      faults: '',
      'waiting-room-capacity': '5',
      workers: '2',
      'rate-limit': '60',
      'password-cost': '16',
    });
  });

  it('leaves out a flag whose value is undefined, so the default holds', () => {
    const args = exchangeArgs({ 'data-dir': '/tmp/x', 'password-cost': undefined });
    expect(args).toEqual(['--data-dir', '/tmp/x']);
    const { values } = parseArgs({ args, options: EXCHANGE_OPTIONS, strict: true });
    expect(values['password-cost']).toBe(EXCHANGE_OPTIONS['password-cost'].default);
    expect(values.workers).toBe('1');
  });

  it('the insurer parses every flag insurerArgs builds, and refuses an exchange-only flag', () => {
    const args = insurerArgs({ port: 8081, 'data-dir': '/tmp/i', faults: 'insurer.reject999=0.1', 'edi-dir': '/tmp/edi' });
    const { values } = parseArgs({ args, options: INSURER_OPTIONS, strict: true });
    expect(values).toEqual({ port: '8081', host: '127.0.0.1', 'data-dir': '/tmp/i', faults: 'insurer.reject999=0.1', 'edi-dir': '/tmp/edi' });
    expect(() => parseArgs({ args: ['--workers', '2'], options: INSURER_OPTIONS, strict: true })).toThrow(/workers/);
  });
});
