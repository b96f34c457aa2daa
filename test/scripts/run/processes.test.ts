import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcessGroup } from '../../../scripts/run/processes.ts';
import { argsOnPort, parseListeningLine } from '../../../scripts/run/services.ts';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ProcessGroup', () => {
  it('stops every child with SIGTERM', async () => {
    const group = new ProcessGroup();
    const a = group.spawn('a', 'sleep', ['60']);
    const b = group.spawn('b', 'sleep', ['60']);
    expect(group.size).toBe(2);
    await group.stopAll();
    expect(group.size).toBe(0);
    expect(alive(a.child.pid!)).toBe(false);
    expect(alive(b.child.pid!)).toBe(false);
    expect(await a.exited).toBe(128 + 15);
  });

  it('signals a child in a process group of its own (the nemesis): SIGSTOP stops it, and stop() still ends it without the grace', async () => {
    const group = new ProcessGroup({ ownProcessGroups: true });
    const child = group.spawn('paused', 'sleep', ['60']);
    const state = (): string => readFileSync(`/proc/${child.child.pid}/stat`, 'utf8').split(') ')[1]![0]!;
    expect(child.signal('SIGSTOP')).toBe(true);
    const deadline = Date.now() + 5_000;
    while (state() !== 'T' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(state()).toBe('T');
    const started = Date.now();
    // A stopped process hears SIGTERM only once continued: stop() sends SIGCONT too, so the 30 s grace is not waited.
    expect(await child.stop(30_000)).toBe(128 + 15);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(child.signal('SIGCONT')).toBe(false);
  });

  it('kills a child that ignores SIGTERM once the grace period ends', async () => {
    const group = new ProcessGroup();
    // The child says when its SIGTERM handler is in place: on a busy machine Node may take longer than any fixed wait to start.
    let ready!: () => void;
    const handlerInstalled = new Promise<void>((resolve) => (ready = resolve));
    const stubborn = group.spawn('stubborn', process.execPath, ['-e', "process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000)"], {
      onStdoutLine: (line) => line === 'ready' && ready(),
    });
    await handlerInstalled;
    const started = Date.now();
    expect(await stubborn.stop(300)).toBe(128 + 9);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('puts each child in a process group of its own when asked, so a Ctrl-C to the harness group misses it', async () => {
    const processGroupOf = async (pid: number): Promise<number> => {
      const { readFile } = await import('node:fs/promises');
      // /proc/<pid>/stat: pid (comm) state ppid pgrp …; comm may hold spaces, so count from its closing parenthesis.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    };
    const own = new ProcessGroup({ ownProcessGroups: true });
    const shared = new ProcessGroup();
    const a = own.spawn('own', 'sleep', ['60']);
    const b = shared.spawn('shared', 'sleep', ['60']);
    try {
      const ours = await processGroupOf(process.pid);
      expect(await processGroupOf(a.child.pid!)).toBe(a.child.pid);
      expect(await processGroupOf(b.child.pid!)).toBe(ours);
    } finally {
      await Promise.all([own.stopAll(), shared.stopAll()]);
    }
  });

  it('reports the exit code of a child that ends by itself', async () => {
    const group = new ProcessGroup();
    expect(await group.spawn('false', 'sh', ['-c', 'exit 3']).exited).toBe(3);
  });
});

describe('parseListeningLine', () => {
  it('reads the announced port', () => {
    expect(parseListeningLine('{"event":"listening","service":"exchange","port":40123}')).toBe(40123);
  });
  it('ignores other output', () => {
    expect(parseListeningLine('starting…')).toBeUndefined();
    expect(parseListeningLine('{"event":"stopped","port":1}')).toBeUndefined();
    expect(parseListeningLine('{broken')).toBeUndefined();
  });
});

describe('argsOnPort', () => {
  it('puts the port a service was given (0: any) back as the one it bound, for its restart', () => {
    expect(argsOnPort(['--port', '0', '--data-dir', 'd'], 40123)).toEqual(['--port', '40123', '--data-dir', 'd']);
    expect(argsOnPort(['--data-dir', 'd'], 40123)).toEqual(['--port', '40123', '--data-dir', 'd']);
  });
});
