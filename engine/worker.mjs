// A worker thread of the engine: registers the TypeScript loader in this thread, then hosts its segment.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { hostSegment } = await import('./segmentHost.ts');
await hostSegment(workerData, parentPort);
