// Streams a gzip file (one or several concatenated members) line by line as bytes, never holding it as text:
// k6's sample output of an hour-long run is millions of lines.

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/** Calls `onLine` with each line's bytes[start, end) (no newline) and its 1-based number, the last line included. */
export async function forEachGzipLine(file: string, onLine: (bytes: Buffer, start: number, end: number, lineNumber: number) => void): Promise<void> {
  const input = createReadStream(file);
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let carry: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let from = 0;
    for (let newline = bytes.indexOf(10, from); newline !== -1; newline = bytes.indexOf(10, from)) {
      onLine(bytes, from, newline, ++lineNumber);
      from = newline + 1;
    }
    carry = bytes.subarray(from);
  }
  onLine(carry, 0, carry.length, ++lineNumber);
}
