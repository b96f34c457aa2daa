// A minimal protobuf encoder: the wire types remote write needs (varint, zigzag varint, 64-bit double and
// length-delimited), into a growing buffer. Integers are exact up to 2^53: counts and millisecond timestamps fit.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;

const encoder = new TextEncoder();

/** sint32/sint64's ZigZag: 0, −1, 1, −2 … → 0, 1, 2, 3 …, done in floating point so it holds past 32 bits. */
export function zigzag(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

export class ProtobufWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }

  /** A non-negative integer as a base-128 varint. */
  varint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a protobuf varint here is a whole number 0 … 2^53, got ${n}`);
    this.reserve(10);
    while (n >= 0x80) {
      this.buffer[this.length++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buffer[this.length++] = n;
    return this;
  }

  private tag(field: number, wireType: number): void {
    this.varint(field * 8 + wireType);
  }

  /** uint32, uint64, int64 ≥ 0, or an enum. */
  uint(field: number, n: number): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(n);
  }

  /** sint32 or sint64. */
  sint(field: number, n: number): this {
    this.tag(field, WIRE_VARINT);
    return this.varint(zigzag(n));
  }

  double(field: number, x: number): this {
    this.tag(field, WIRE_FIXED64);
    this.reserve(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
    return this;
  }

  /** A nested message or bytes. */
  bytes(field: number, bytes: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.varint(bytes.length);
    return this.raw(bytes);
  }

  string(field: number, s: string): this {
    return this.bytes(field, encoder.encode(s));
  }

  /** A packed repeated sint32/sint64 field; nothing when empty. */
  packedSint(field: number, values: readonly number[]): this {
    if (values.length === 0) return this;
    const packed = new ProtobufWriter();
    for (const v of values) packed.varint(zigzag(v));
    return this.bytes(field, packed.finish());
  }

  /** Bytes already encoded as fields of this message. */
  raw(bytes: Uint8Array): this {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** The bytes written so far (a copy: the writer may be reused). */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
