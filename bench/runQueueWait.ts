// How long a process's threads waited for a CPU while runnable (Linux: /proc/<pid>/task/*/schedstat, field 2): on a
// shared machine it tells a generator that was slow from one the machine did not run.

import { readdirSync, readFileSync } from 'node:fs';

/** Seconds every live thread of `pid` has spent runnable but not running; undefined once the process is gone. */
export function runQueueWaitSeconds(pid: number): number | undefined {
  try {
    let nanoseconds = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        nanoseconds += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[1]);
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return nanoseconds / 1e9;
  } catch {
    return undefined;
  }
}
