import { describe, expect, it } from 'vitest';
import { noDefects as none } from '../../../vocabulary/reconciliation.ts';
import { maskCounts, nemesisClaims, nemesisRow, outageText, type NemesisRunFacts } from '../../../scripts/faultFigures/nemesisTable.ts';

const kill: NemesisRunFacts = {
  spec: 'kill-exchange@5s:1s',
  event: { kind: 'kill-exchange', atMs: 5_134, holdMs: 1_000, outageMs: 2_379, pidBefore: 9489, pidAfter: 9715 },
  enrollments: 46,
  counted: { failedRequests: 187, requests: 457 },
  classes: none(),
  exitCode: 0,
};

const pause: NemesisRunFacts = {
  spec: 'pause-insurer@5s:3s',
  event: { kind: 'pause-insurer', atMs: 5_017, holdMs: 3_000, outageMs: 3_095, pidBefore: 10875, pidAfter: 10875 },
  enrollments: 84,
  counted: { deliveredAfterPause: 12 },
  classes: none(),
  exitCode: 0,
};

describe('nemesis table rows', () => {
  it('a kill: the signal, the hold, a new process, what failed in its window', () => {
    expect(nemesisRow(kill)).toEqual([
      '`kill-exchange@5s:1s`',
      '46',
      'SIGKILL at 5.1 s, down 1.0 s, then a new process',
      '2.4 s',
      '187 of 457 requests failed',
      '0',
      '0',
      '0',
      '0',
    ]);
  });

  it('a pause: stopped for the hold, the same process resumed; other classes listed with their counts', () => {
    const row = nemesisRow({ ...pause, classes: { ...none(), phantom: 1, late: 2 }, exitCode: 1 });
    expect(row.slice(2)).toEqual([
      'SIGSTOP at 5.0 s for 3.0 s, SIGCONT to the same process',
      '3.1 s',
      '12 enrollments confirmed in it, delivered after it',
      '0',
      '0',
      'late 2, phantom 1',
      '1',
    ]);
  });

  it('each way an outage is counted has its words', () => {
    expect(outageText({ failed834Posts: 6 })).toBe('834 posts failed and retried: 6');
    expect(outageText({ slowestMs: 4_329.7 })).toBe('slowest request 4.3 s');
    expect(outageText({ failedRequests: 1_187, requests: 4_570 })).toBe('1,187 of 4,570 requests failed');
  });
});

describe('nemesis table claims', () => {
  it('masks counts, keeping a 0 (something counted, or nothing)', () => {
    expect(maskCounts('187 of 1,457 requests failed in 2.4 s')).toBe('# of # requests failed in # s');
    expect(maskCounts('0 of 457 requests failed')).toBe('0 of # requests failed');
  });

  it('hold across runs with other timings, other classes and exit codes', () => {
    const other = {
      ...kill,
      event: { ...kill.event, atMs: 5_002, outageMs: 1_900, pidAfter: 1 },
      enrollments: 50,
      counted: { failedRequests: 90, requests: 300 },
      classes: { ...none(), phantom: 1 },
      exitCode: 1,
    };
    expect(nemesisClaims(nemesisRow(other))).toEqual(nemesisClaims(nemesisRow(kill)));
  });

  it('differ when something is lost or duplicated, the outage went uncounted, or a kill kept its process', () => {
    const base = nemesisClaims(nemesisRow(kill));
    expect(nemesisClaims(nemesisRow({ ...kill, classes: { ...none(), lost: 1 } }))).not.toEqual(base);
    expect(nemesisClaims(nemesisRow({ ...kill, classes: { ...none(), duplicate: 2 } }))).not.toEqual(base);
    expect(nemesisClaims(nemesisRow({ ...kill, counted: { failedRequests: 0, requests: 457 } }))).not.toEqual(base);
    expect(nemesisClaims(nemesisRow({ ...kill, event: { ...kill.event, pidAfter: kill.event.pidBefore } }))).not.toEqual(base);
  });
});
