// Moved to vocabulary/metrics/process.ts (the bottom layer every folder may import); this re-export goes when the imports switch.
export * from '../vocabulary/metrics/process.ts';
