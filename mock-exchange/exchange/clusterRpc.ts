// Requests between the exchange's primary process and its workers over the cluster IPC channel: each request carries
// an id, its answer the same id, so a worker may have many under way. Plain data only (structured as JSON).

import { randomUUID } from 'node:crypto';

export interface RpcRequest {
  rpc: string;
  id: string;
  args: unknown[];
}

export interface RpcAnswer {
  rpcAnswer: string;
  value?: unknown;
  error?: string;
}

interface Channel {
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

const isRequest = (m: unknown): m is RpcRequest => typeof m === 'object' && m !== null && typeof (m as RpcRequest).rpc === 'string';
const isAnswer = (m: unknown): m is RpcAnswer => typeof m === 'object' && m !== null && typeof (m as RpcAnswer).rpcAnswer === 'string';

/** Answers the requests arriving on `channel` with `handlers` (by name); an unknown name or a throw answers an error. */
export function serveRpc(channel: Channel, handlers: Record<string, (...args: never[]) => unknown>): void {
  channel.on('message', (message) => {
    if (!isRequest(message)) return;
    const handler = handlers[message.rpc];
    const reply = (answer: Omit<RpcAnswer, 'rpcAnswer'>) => channel.send({ rpcAnswer: message.id, ...answer });
    if (!handler) return void reply({ error: `no such request: ${message.rpc}` });
    Promise.resolve()
      .then(() => (handler as (...args: unknown[]) => unknown)(...message.args))
      .then(
        (value) => reply({ value }),
        (error: unknown) => reply({ error: (error as Error).message }),
      );
  });
}

/** A caller of the requests `serveRpc` answers on the other end of `channel`. */
export function rpcClient(channel: Channel, timeoutMs = 10_000) {
  const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  channel.on('message', (message) => {
    if (!isAnswer(message)) return;
    const waiting = pending.get(message.rpcAnswer);
    if (!waiting) return;
    pending.delete(message.rpcAnswer);
    clearTimeout(waiting.timer);
    if (message.error !== undefined) waiting.reject(new Error(message.error));
    else waiting.resolve(message.value);
  });
  return function call<T>(rpc: string, ...args: unknown[]): Promise<T> {
    const id = randomUUID();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${rpc}: no answer from the other exchange process within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      channel.send({ rpc, id, args } satisfies RpcRequest);
    });
  };
}
