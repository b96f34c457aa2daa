// The partition of each confirmation number, for millions of them: an open-addressing hash table in typed arrays,
// the keys kept whole (their characters in one byte arena), so a lookup is exact. A Map of five million strings
// costs hundreds of MiB the collector walks again and again; this costs about 30 bytes a key and is never walked,
// and its arrays can be handed to other threads (SharedArrayBuffer) to look up in place. Keys with a character above
// U+00FF (not seen in confirmation numbers, but possible) are kept in a plain Map beside it.

export interface PartitionTableData {
  slots: Int32Array;
  hashes: Uint32Array;
  offsets: Uint32Array;
  lengths: Uint16Array;
  partitions: Uint16Array;
  arena: Uint8Array;
  size: number;
  arenaUsed: number;
  wide: Map<string, number>;
}

/** FNV-1a, 32 bits. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function narrow(key: string): boolean {
  if (key.length > 0xffff) return false;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) > 0xff) return false;
  return true;
}

const MAX_PARTITION = 0xffff;

export class PartitionTable {
  private d: PartitionTableData;
  private readonly shared: boolean;

  /** Room for about `expected` keys before it grows; `shared`: arrays on SharedArrayBuffers, for other threads to read. */
  constructor(expected = 1024, shared = false, data?: PartitionTableData) {
    this.shared = shared;
    this.d = data ?? PartitionTable.allocate(Math.max(16, expected), Math.max(16, expected) * 16, shared);
  }

  /** A table over arrays another thread built (read only there). */
  static from(data: PartitionTableData): PartitionTable {
    return new PartitionTable(0, false, data);
  }

  /** The arrays, to post to another thread. */
  get data(): PartitionTableData {
    return this.d;
  }

  get size(): number {
    return this.d.size + this.d.wide.size;
  }

  private static allocate(keys: number, arenaBytes: number, shared: boolean, wide = new Map<string, number>()): PartitionTableData {
    let capacity = 16;
    while (capacity < keys * 2) capacity *= 2;
    const make = <T>(Kind: new (buffer: ArrayBufferLike) => T, bytesPer: number, n: number): T =>
      new Kind(shared ? new SharedArrayBuffer(bytesPer * n) : new ArrayBuffer(bytesPer * n));
    return {
      slots: make(Int32Array, 4, capacity),
      hashes: make(Uint32Array, 4, keys),
      offsets: make(Uint32Array, 4, keys),
      lengths: make(Uint16Array, 2, keys),
      partitions: make(Uint16Array, 2, keys),
      arena: make(Uint8Array, 1, arenaBytes),
      size: 0,
      arenaUsed: 0,
      wide,
    };
  }

  /** The slot index holding `key`, or the empty slot where it would go (as -1 - slot). */
  private find(key: string, hash: number): number {
    const { slots, offsets, lengths, arena, hashes } = this.d;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return -1 - slot;
      const e = entry - 1;
      if (hashes[e] !== hash || lengths[e] !== key.length) continue;
      const at = offsets[e]!;
      let same = true;
      for (let i = 0; i < key.length; i++)
        if (arena[at + i] !== key.charCodeAt(i)) {
          same = false;
          break;
        }
      if (same) return slot;
    }
  }

  /** The partition of `key`, or -1 when it has none. */
  get(key: string): number {
    if (!narrow(key)) return this.d.wide.get(key) ?? -1;
    const hash = hashOf(key);
    const slot = this.find(key, hash);
    return slot < 0 ? -1 : this.d.partitions[this.d.slots[slot]! - 1]!;
  }

  /** Sets the partition of `key` unless it has one already (the first one counts); whether it was added. */
  addIfAbsent(key: string, partition: number): boolean {
    if (!Number.isInteger(partition) || partition < 0 || partition > MAX_PARTITION) throw new RangeError(`partition ${partition}: expected 0–${MAX_PARTITION}`);
    if (!narrow(key)) {
      if (this.d.wide.has(key)) return false;
      this.d.wide.set(key, partition);
      return true;
    }
    const hash = hashOf(key);
    let slot = this.find(key, hash);
    if (slot >= 0) return false;
    if (this.d.size + 1 > this.d.hashes.length || (this.d.size + 1) * 2 > this.d.slots.length || this.d.arenaUsed + key.length > this.d.arena.length) {
      this.grow(key.length);
      slot = this.find(key, hash);
    }
    const d = this.d;
    const e = d.size++;
    d.hashes[e] = hash;
    d.offsets[e] = d.arenaUsed;
    d.lengths[e] = key.length;
    d.partitions[e] = partition;
    for (let i = 0; i < key.length; i++) d.arena[d.arenaUsed + i] = key.charCodeAt(i);
    d.arenaUsed += key.length;
    d.slots[-1 - slot] = e + 1;
    return true;
  }

  private grow(keyLength: number): void {
    const old = this.d;
    const keys = old.size + 1 > old.hashes.length || (old.size + 1) * 2 > old.slots.length ? old.hashes.length * 2 : old.hashes.length;
    let arenaBytes = old.arena.length;
    while (old.arenaUsed + keyLength > arenaBytes) arenaBytes *= 2;
    const d = PartitionTable.allocate(keys, arenaBytes, this.shared, old.wide);
    d.hashes.set(old.hashes.subarray(0, old.size));
    d.offsets.set(old.offsets.subarray(0, old.size));
    d.lengths.set(old.lengths.subarray(0, old.size));
    d.partitions.set(old.partitions.subarray(0, old.size));
    d.arena.set(old.arena.subarray(0, old.arenaUsed));
    d.size = old.size;
    d.arenaUsed = old.arenaUsed;
    const mask = d.slots.length - 1;
    for (let e = 0; e < d.size; e++) {
      let slot = d.hashes[e]! & mask;
      while (d.slots[slot] !== 0) slot = (slot + 1) & mask;
      d.slots[slot] = e + 1;
    }
    this.d = d;
  }
}
