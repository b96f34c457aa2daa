import { describe, expect, it } from 'vitest';
import { durationMs } from '../../vocabulary/duration.ts';

describe('durationMs', () => {
  it('reads each unit and their combinations', () => {
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('30s')).toBe(30_000);
    expect(durationMs('1.5s')).toBe(1_500);
    expect(durationMs('5m')).toBe(300_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs(' 1m30s ')).toBe(90_000);
    expect(durationMs('0s')).toBe(0);
  });

  it('is undefined for anything that is not wholly a duration', () => {
    for (const text of ['', '  ', '30', 's', '30 s', '30sec', '-5s', '5s!', 'x5s', '1e3s', '5d']) expect(durationMs(text), text).toBeUndefined();
  });
});
