import { describe, expect, it } from 'vitest';
import { parseDurationOption, parseNumberOption } from '../../../scripts/commands/options.ts';

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

describe('parseDurationOption', () => {
  it('reads durations such as 30s or 1h30m, compound units included', () => {
    expect(parseDurationOption('--duration', '30s')).toBe(30);
    expect(parseDurationOption('--duration', '5m')).toBe(300);
    expect(parseDurationOption('--duration', '1h30m')).toBe(5400);
    expect(parseDurationOption('--duration', '1m500ms')).toBeCloseTo(60.5, 9);
  });

  it.each(['', '30', 's', '10x', '5m junk', '0s', '-5s'])('refuses %j naming the flag and the syntax', (raw) => {
    expect(() => parseDurationOption('--duration', raw)).toThrow(/--duration .*expected a positive duration such as 30s/);
  });
});
