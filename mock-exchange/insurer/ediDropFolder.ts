// The insurer's inbound folder (`--edi-dir DIR`): every interchange it takes in is also kept as a file, as an insurer's
// SFTP drop folder would hold it, with the file's modification time set to when it was received. `harness reconcile
// --ledger --edi DIR` reads such a folder; with the mock insurer it is how that command is tested end to end.

import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EdiDropFolder {
  /** Writes the interchange as received; the name orders files by arrival and says who sent which control number. */
  keep(text: string, receivedAt: Date, isa: { senderId: string; control: string } | undefined): string;
}

const safe = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '_').slice(0, 40) || 'unknown';

export function openEdiDropFolder(dir: string): EdiDropFolder {
  mkdirSync(dir, { recursive: true });
  let sequence = 0;
  return {
    keep(text, receivedAt, isa) {
      const stamp = receivedAt.toISOString().replace(/[-:.]/g, '');
      const name = `${stamp}-${String(++sequence).padStart(6, '0')}-${safe(isa?.senderId ?? 'unknown')}-${safe(isa?.control ?? 'noisa')}.x12`;
      const file = join(dir, name);
      writeFileSync(file, text);
      utimesSync(file, receivedAt, receivedAt);
      return file;
    },
  };
}
