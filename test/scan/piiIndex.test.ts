import { describe, expect, it } from 'vitest';
import type { Household } from '../../domain/household.ts';
import { findPii, indexHouseholds } from '../../scan/piiIndex.ts';

const member = {
  firstName: 'Avery',
  lastName: "O'Neill",
  dob: '1984-03-09',
  sex: 'F' as const,
  relationship: 'self' as const,
  ssn: '912345678',
  tobacco: false,
};
const index = indexHouseholds([{ members: [member] } as unknown as Household]);

describe('findPii', () => {
  it('finds an SSN written plain or with dashes, masked', () => {
    expect(findPii('error for 912345678 at step 3', index)).toEqual([{ kind: 'ssn', masked: '***-**-5678' }]);
    expect(findPii('ssn=912-34-5678', index)).toEqual([{ kind: 'ssn', masked: '***-**-5678' }]);
  });
  it('finds a date of birth in either format and a full name in any case', () => {
    expect(findPii('{"dob":"1984-03-09"}', index).map((h) => h.kind)).toEqual(['dob']);
    expect(findPii('DMG*D8*19840309*F~', index).map((h) => h.kind)).toEqual(['dob']);
    expect(findPii("patient AVERY O'NEILL said", index)).toEqual([{ kind: 'name', masked: 'A**** O******' }]);
  });
  it('does not take the fraction of a timestamp or a metric value for an SSN or a date of birth', () => {
    // A 10,000-applicant run's samples held timestamps such as 13:29:30.19680719Z equal to a household's DOB.
    expect(findPii('{"time":"2026-11-23T13:29:30.19840309Z","value":0.912345678}', index)).toEqual([]);
    expect(findPii('REF*0F*912345678~DMG*D8*19840309*F~', index).map((h) => h.kind)).toEqual(['ssn', 'dob']);
  });
  it('does not take the whole part of a decimal number for one, but finds one that ends a sentence', () => {
    // A 10,000-user run's per-second rows held a latency sum of 19760906.211144004 ms, equal to a household's DOB.
    expect(findPii('{"sum":19840309.211144004,"min":912345678.5}', index)).toEqual([]);
    expect(findPii('enrollment failed for 912345678. Retrying for 19840309.', index).map((h) => h.kind)).toEqual(['ssn', 'dob']);
  });
  it('ignores other people, longer digit runs and a first name alone', () => {
    expect(findPii('912345679 9123456780 1984-03-10 Avery Smith', index)).toEqual([]);
  });
});
