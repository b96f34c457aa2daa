import { describe, expect, it } from 'vitest';
import { parseNumberOption } from '../../scripts/commands/options.ts';

describe('parseNumberOption', () => {
  it('accepts numbers in range', () => {
    expect(parseNumberOption('--scale', '0.5', { min: 0.0001 })).toBe(0.5);
    expect(parseNumberOption('--port', '0', { integer: true, min: 0, max: 65535 })).toBe(0);
  });
  it.each([
    ['abc', /--count abc: expected a whole number ≥ 1/],
    ['-1', /--count -1: expected a whole number ≥ 1/],
    ['2.5', /expected a whole number/],
    ['', /expected a whole number/],
  ])('refuses %j naming the flag and what is expected', (raw, message) => {
    expect(() => parseNumberOption('--count', raw, { integer: true, min: 1 })).toThrow(message);
  });
});
