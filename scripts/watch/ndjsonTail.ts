// Reads the lines appended to a file since the last read, as a run writes them (load-seconds.ndjson): a file not
// there yet has no lines, a line not finished yet waits for its end. Reads in bounded chunks, so a long finished
// run's file is never held whole.

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

const CHUNK_BYTES = 1 << 20;

export class NdjsonTail {
  private offset = 0;
  private partial = '';
  /** Keeps a character cut by a chunk's end for the next chunk. */
  private readonly decoder = new StringDecoder('utf8');

  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** Calls `visit` with each complete line appended since the last call; returns how many. */
  read(visit: (line: string) => void): number {
    if (!existsSync(this.file)) return 0;
    const fd = openSync(this.file, 'r');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let lines = 0;
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, CHUNK_BYTES, this.offset);
        if (n === 0) break;
        this.offset += n;
        const parts = (this.partial + this.decoder.write(buffer.subarray(0, n))).split('\n');
        this.partial = parts.pop()!;
        for (const line of parts) {
          if (line.trim() === '') continue;
          visit(line);
          lines++;
        }
      }
    } finally {
      closeSync(fd);
    }
    return lines;
  }
}
