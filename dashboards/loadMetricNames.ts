// Moved to vocabulary/metrics/load.ts (the bottom layer every folder may import); this re-export goes when the imports switch.
export * from '../vocabulary/metrics/load.ts';
