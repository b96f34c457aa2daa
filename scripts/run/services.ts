// Starts a mock service (exchange or insurer) as a child process on a free loopback port and waits until it is ready.
// A service announces itself with one JSON line on stdout: {"event":"listening","service":NAME,"port":N}.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { UsageError } from '../../vocabulary/errors.ts';
import type { ManagedProcess, ProcessGroup } from './processes.ts';

export interface RunningService {
  name: string;
  port: number;
  baseUrl: string;
  /** The process serving now: a restart (the nemesis's kill) puts the new one here. */
  process: ManagedProcess;
  /** How it was started, so it can be started again on the same port and data folder. */
  spec: ServiceSpec;
}

export interface ServiceSpec {
  /** The mock services, or a benchmark's baseline server. */
  name: string;
  /** Path of the service's main module, relative to the project root. */
  main: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** Options for node itself, before the module (a benchmark's `--cpu-prof`). */
  nodeArgs?: string[];
}

export function parseListeningLine(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const event = JSON.parse(line) as { event?: string; port?: unknown };
    return event.event === 'listening' && typeof event.port === 'number' ? event.port : undefined;
  } catch {
    return undefined;
  }
}

async function waitReady(baseUrl: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return true;
    } catch {
      // not accepting connections yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function startService(group: ProcessGroup, spec: ServiceSpec): Promise<RunningService> {
  const timeoutMs = spec.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let announce: (port: number) => void = () => {};
  const announced = new Promise<number>((resolve) => (announce = resolve));
  const child = group.spawn(spec.name, process.execPath, [...(spec.nodeArgs ?? []), '--import', 'tsx', join(PROJECT_ROOT, spec.main), ...spec.args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...spec.env },
    logFile: spec.logFile,
    onStdoutLine: (line) => {
      const port = parseListeningLine(line);
      if (port !== undefined) announce(port);
    },
  });
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  const outcome = await Promise.race([announced, child.exited.then((code) => ({ exited: code })), timeout]);
  if (typeof outcome !== 'number') {
    await child.stop(1_000);
    const why = outcome === 'timeout' ? `did not announce a port within ${timeoutMs / 1000} s` : `exited with code ${outcome.exited}`;
    throw new UsageError(`the ${spec.name} service`, `to start and listen on a loopback port, but it ${why}`, `See ${spec.logFile}.`);
  }
  const baseUrl = `http://127.0.0.1:${outcome}`;
  if (!(await waitReady(baseUrl, deadline))) {
    await child.stop(1_000);
    throw new UsageError(`the ${spec.name} service at ${baseUrl}`, `/readyz to answer 200 within ${timeoutMs / 1000} s`, `See ${spec.logFile}.`);
  }
  return { name: spec.name, port: outcome, baseUrl, process: child, spec };
}

/** The spec's arguments with `--port` set to `port`. */
export function argsOnPort(args: readonly string[], port: number): string[] {
  const at = args.indexOf('--port');
  return at >= 0 ? [...args.slice(0, at), '--port', String(port), ...args.slice(at + 2)] : ['--port', String(port), ...args];
}

/**
 * Starts a service that has exited again, on the same port (its clients resume) and with the same arguments (its data
 * folder); `service.process` becomes the new process. The port can take a moment to be free again: retried until
 * `timeoutMs`.
 */
export async function restartOnSamePort(group: ProcessGroup, service: RunningService, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const again = await startService(group, {
        ...service.spec,
        args: argsOnPort(service.spec.args, service.port),
        readyTimeoutMs: Math.max(1_000, deadline - Date.now()),
      });
      service.process = again.process;
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Keeps a service's final metric exposition (GET /metrics) in `file`; a service that cannot answer leaves a note instead. */
export async function saveExposition(service: RunningService, file: string): Promise<void> {
  try {
    const response = await fetch(`${service.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
    writeFileSync(file, await response.text());
  } catch (error) {
    writeFileSync(file, `# ${service.name}: GET /metrics failed at the end of the run: ${(error as Error).message}\n`);
  }
}
