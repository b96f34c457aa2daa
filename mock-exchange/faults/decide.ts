// Reproducible fault decisions: whether to inject depends only on the rate and a key (never on Math.random),
// so the same run injects into the same enrollments and the exact count is knowable afterwards.

/** FNV-1a 32-bit hash of a string: fast, dependency-free and stable across Node versions. */
export function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A uniform-looking number in [0, 1) derived from the key. */
export function unitOf(key: string): number {
  // One extra avalanche round: FNV-1a alone leaves sequential keys (enrollment-1, -2, …) too correlated.
  let h = fnv1a(key);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

/**
 * True for about `rate` of all keys. Include the switch name in the key (e.g. `backend.drop:CNF-123`) so two
 * switches at the same rate do not hit the same enrollments.
 */
export function shouldInject(rate: number, key: string): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return unitOf(key) < rate;
}
