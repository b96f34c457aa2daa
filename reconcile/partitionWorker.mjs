// A thread that reconciles partitions written to disk: registers the TypeScript loader here, then serves them.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { servePartitions } = await import('./partitionWorkers.ts');
servePartitions(parentPort);
