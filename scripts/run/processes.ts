// Child-process hygiene: every child process the harness starts (services, Prometheus, shards) is tracked, and stopped on normal exit,
// on error and on Ctrl-C (SIGTERM first, SIGKILL after a grace period), so no process outlives a run.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Every stdout and stderr line is appended here. */
  logFile?: string;
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or 128 + signal number when killed by a signal). */
  readonly exited: Promise<number>;
  stop(graceMs?: number): Promise<number>;
  /**
   * Sends a signal to the process and, when it leads a process group of its own, to every process in it (a cluster's
   * workers): the nemesis's SIGKILL, SIGSTOP and SIGCONT. False when it has exited already.
   */
  signal(signal: NodeJS.Signals): boolean;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

function pipeLines(stream: NodeJS.ReadableStream | null, log: WriteStream | undefined, onLine?: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    log?.write(`${line}\n`);
    onLine?.(line);
  });
}

export interface ProcessGroupOptions {
  /**
   * Each child in a process group of its own. A terminal's Ctrl-C reaches its whole foreground group; a run that stops
   * its load gracefully on the first one needs its services to outlive it, to drain, reconcile and judge what ran, and
   * stops them itself.
   */
  ownProcessGroups?: boolean;
}

export class ProcessGroup {
  private readonly running = new Set<ManagedProcess>();
  private readonly detached: boolean;

  constructor(options: ProcessGroupOptions = {}) {
    this.detached = options.ownProcessGroups ?? false;
  }

  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): ManagedProcess {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: this.detached });
    const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
    pipeLines(child.stdout, log, options.onStdoutLine);
    pipeLines(child.stderr, log, options.onStderrLine);
    const exited = new Promise<number>((resolve) => {
      child.on('error', () => resolve(127));
      child.on('exit', (code, signal) => {
        this.running.delete(managed);
        log?.end();
        resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0));
      });
    });
    const signalGroup = (signal: NodeJS.Signals): boolean => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return false;
      try {
        process.kill(this.detached ? -child.pid : child.pid, signal);
        return true;
      } catch {
        return false;
      }
    };
    const managed: ManagedProcess = {
      name,
      child,
      exited,
      stop: async (graceMs = 10_000) => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          // A process stopped (SIGSTOP, the nemesis's pause) hears SIGTERM only once it runs again.
          signalGroup('SIGCONT');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(timer);
          return code;
        }
        return exited;
      },
      signal: signalGroup,
    };
    this.running.add(managed);
    return managed;
  }

  get size(): number {
    return this.running.size;
  }

  async stopAll(graceMs = 10_000): Promise<void> {
    await Promise.all([...this.running].map((p) => p.stop(graceMs)));
  }

  /** Last resort when the harness itself exits: no grace, nothing left behind. */
  killAllNow(): void {
    for (const p of this.running) p.child.kill('SIGKILL');
  }
}

/**
 * Ctrl-C or SIGTERM: stop every child, then exit 130. A second Ctrl-C kills them at once. With `first`, the first
 * signal only aborts it (the run stops its load gracefully and goes on to write what ran); the next one stops all.
 * Returns a function that removes the handlers.
 */
export function stopChildrenOnSignals(group: ProcessGroup, say: (line: string) => void, options: { first?: AbortController } = {}): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (options.first && !options.first.signal.aborted) {
      say(
        `\nharness: ${signal} received: no new journeys; those under way get the graceful stop, then what ran is drained, reconciled and judged. Press Ctrl-C again to stop at once.`,
      );
      options.first.abort();
      return;
    }
    if (stopping) {
      group.killAllNow();
      process.exit(130);
    }
    stopping = true;
    say(`\nharness: ${signal} received, stopping ${group.size} child process(es)…`);
    void group.stopAll(5_000).finally(() => process.exit(130));
  };
  const onExit = (): void => group.killAllNow();
  // The terminal is gone: the children, in process groups of their own, would not hear of it.
  const onHangup = (): void => {
    group.killAllNow();
    process.exit(129);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onHangup);
  process.on('exit', onExit);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onHangup);
    process.off('exit', onExit);
  };
}
