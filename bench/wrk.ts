// wrk from Debian as a benchmark's reference client: installed the way the harness installs its other Debian tools,
// run as a child of the benchmark's process group, its text read back by wrkOutput.ts.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../scripts/projectRoot.ts';
import type { ProcessGroup } from '../scripts/run/processes.ts';
import { aptInstall } from '../scripts/tools/apt.ts';
import { parseWrkOutput, type WrkFigures } from './wrkOutput.ts';

/** A load that has not ended this long after its planned time is stopped (and the benchmark fails). */
const OVERRUN_SECONDS = 60;

/** Installs wrk when missing; undefined when it is there, else why it could not be installed. */
export function ensureWrk(say: (line: string) => void): string | undefined {
  if (spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined) return undefined;
  try {
    aptInstall('wrk', 'wrk', 'install wrk by hand', say);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface WrkLoad {
  url: string;
  connections: number;
  seconds: number;
  /** Names the process and its log file (`<dir>/<label>.log`). */
  label: string;
  dir: string;
  /** A Lua script for wrk's `-s` (a method, headers, a body). */
  script?: string;
}

/** wrk's arguments for a load: two threads, `connections` connections, the latency distribution. */
export function wrkArgs(load: Pick<WrkLoad, 'url' | 'connections' | 'seconds' | 'script'>): string[] {
  return ['-t2', `-c${load.connections}`, `-d${load.seconds}s`, '--latency', ...(load.script ? ['-s', load.script] : []), load.url];
}

/** A wrk script that sends every request with this method, these headers and this body. */
export function wrkScript(method: string, headers: Record<string, string>, body?: string): string {
  // For printable ASCII a JSON string is also a Lua string literal (the same quotes and backslash escapes).
  const quoted = (text: string): string => {
    if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`wrk script: ${JSON.stringify(text.slice(0, 40))} is not printable ASCII`);
    return JSON.stringify(text);
  };
  const lines = [`wrk.method = ${quoted(method)}`, ...Object.entries(headers).map(([name, value]) => `wrk.headers[${quoted(name)}] = ${quoted(value)}`)];
  if (body !== undefined) lines.push(`wrk.body = ${quoted(body)}`);
  return `${lines.join('\n')}\n`;
}

export async function runWrk(group: ProcessGroup, load: WrkLoad): Promise<WrkFigures> {
  const lines: string[] = [];
  const proc = group.spawn(load.label, 'wrk', wrkArgs(load), {
    cwd: PROJECT_ROOT,
    logFile: join(load.dir, `${load.label}.log`),
    onStdoutLine: (line) => lines.push(line),
  });
  const overrun = setTimeout(() => void proc.stop(2_000), (load.seconds + OVERRUN_SECONDS) * 1000);
  const code = await proc.exited;
  clearTimeout(overrun);
  if (code !== 0) throw new Error(`wrk against ${load.url} exited ${code}: ${lines.slice(-3).join(' | ') || 'no message'}`);
  return parseWrkOutput(lines.join('\n'));
}
