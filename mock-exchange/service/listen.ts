// Shared lifecycle of the mock services: listen on loopback, announce the bound port as one JSON line, stop cleanly.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Listening {
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** `handler`: an Express app, or any request listener (the exchange puts a fast path in front of its app). */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host = '127.0.0.1'): Promise<Listening> {
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.keepAliveTimeout = 65_000;
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The line the harness waits for (scripts/run/services.ts). */
export function announce(service: string, port: number): void {
  process.stdout.write(`${JSON.stringify({ event: 'listening', service, port })}\n`);
}

/** Maps a listen error to a message a user can act on. */
export function describeListenError(error: unknown, port: number): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} is in use: choose another --port, or --port 0 for any free port`;
  if (code === 'EACCES') return `port ${port} needs privileges: choose a port above 1024, or --port 0`;
  return `could not listen on port ${port}: ${(error as Error).message}`;
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
