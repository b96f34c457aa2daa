// The exchange's request listener: its fast paths (plan browsing, the consumer journey) on raw node:http, in front of
// the Express app, which serves whatever none of them takes — and everything while `stepAside()` holds (fault switches on).

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

export interface FastPath {
  /** True when it took the request (and will answer it); false, having read nothing of it, to leave it to Express. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export function withFastPaths(
  app: Express,
  fastPaths: readonly FastPath[],
  stepAside: () => boolean = () => false,
): (req: IncomingMessage, res: ServerResponse) => void {
  if (fastPaths.length === 0) return app;
  return (req, res) => {
    if (!stepAside()) for (const fastPath of fastPaths) if (fastPath.handle(req, res)) return;
    app(req, res);
  };
}
