// A process's memory and CPU read from /proc while it runs (Linux): resident set size now and at its peak,
// CPU seconds used so far (its own, or with its descendants'), and the memory the machine still has available.

import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks a second for /proc/<pid>/stat times (USER_HZ, 100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  rssBytes: number;
  peakRssBytes: number;
  cpuSeconds: number;
}

/** Undefined once the process is gone. */
export function processUsage(pid: number): ProcessUsage | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the name: state is field 3, utime field 14 and stime field 15 (1-based over the whole line).
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssBytes: kibField(status, 'VmRSS'), peakRssBytes: kibField(status, 'VmHWM'), cpuSeconds: ticks / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of `pid` and every live descendant (a clustered exchange's worker processes), so far; undefined once
 * `pid` is gone. A descendant that has exited no longer counts.
 */
export function processTreeCpuSeconds(pid: number): number | undefined {
  const own = processUsage(pid);
  if (!own) return undefined;
  return own.cpuSeconds + childrenOf(pid).reduce((sum, child) => sum + (processTreeCpuSeconds(child) ?? 0), 0);
}

/**
 * The processes whose parent is `pid`: from each of its threads' `children` lists (/proc/<pid>/task/<tid>/children,
 * a few small reads) where the kernel has them, else by the parent field (ppid, field 4) of every process's stat,
 * a read of every process on the machine, which sampled several times a second costs the machine a share of a core.
 */
export function childrenOf(pid: number): number[] {
  return childrenListed(pid) ?? childrenByScan(pid);
}

/** The processes whose parent is `pid`, by every process's stat. */
export function childrenByScan(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return children;
}

/** The children the kernel lists for each thread of `pid`; undefined without CONFIG_PROC_CHILDREN, or once `pid` is gone. */
export function childrenListed(pid: number): number[] | undefined {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
    if (threads.length === 0) return undefined;
    readFileSync(`/proc/${pid}/task/${threads[0]}/children`, 'utf8');
  } catch {
    return undefined;
  }
  const children: number[] = [];
  for (const tid of threads) {
    try {
      const listed = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (listed !== '') for (const child of listed.split(' ')) children.push(Number(child));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return children;
}

/** The file descriptors `pid` has open now (the entries of /proc/<pid>/fd); undefined once the process is gone. */
export function openFileDescriptors(pid: number): number | undefined {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
}

/** The command line of `pid` (/proc/<pid>/cmdline, NUL-separated), its arguments joined by spaces; '' once it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** MemAvailable of /proc/meminfo: what the machine can still give without swapping. */
export function availableMemoryBytes(): number {
  return kibField(readFileSync('/proc/meminfo', 'utf8'), 'MemAvailable');
}

function kibField(text: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  if (!match) throw new Error(`/proc: no ${name} line`);
  return Number(match[1]) * 1024;
}
