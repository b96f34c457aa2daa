// Reads a run folder's samples: the engine's per-second rows (load-seconds.ndjson) as the analyses' RunSamples. A
// folder without them (one made before the harness had its own engine) is a UsageError that says to re-run the profile.

import { existsSync, readFileSync } from 'node:fs';
import { samplesFromRows, type SecondRowLike } from '../../analysis/engineSamples.ts';
import type { RunSamples } from '../../analysis/runSamples.ts';
import { runFile } from '../../vocabulary/runFiles.ts';
import { UsageError } from '../../vocabulary/errors.ts';

/** The engine's per-second rows of a run (load-seconds.ndjson) as samples; a line that is not a row names itself. */
export function readSecondRows(file: string): RunSamples {
  const rows: SecondRowLike[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let row: SecondRowLike;
      try {
        row = JSON.parse(line) as SecondRowLike;
      } catch (error) {
        throw new UsageError(
          `${file}:${i + 1}`,
          "one JSON object a line (the engine's per-second rows)",
          `It is not JSON (${(error as Error).message}); the run may have been cut short. Re-run the profile.`,
        );
      }
      if (typeof row?.second !== 'number' || !Array.isArray(row.series))
        throw new UsageError(`${file}:${i + 1}`, 'a row with second (a number) and series (a list)', 'Re-run the profile to get a clean file.');
      rows.push(row);
    });
  if (rows.length === 0)
    throw new UsageError(
      file,
      "the engine's per-second rows, one JSON object a line",
      'It holds none: the run stopped before its first second. Re-run the profile.',
    );
  return samplesFromRows(rows);
}

/** What to say of a run folder without the engine's per-second rows (`file`). */
export function noSecondRows(file: string): UsageError {
  return new UsageError(
    file,
    "the load engine's per-second measurements, written by `harness run`",
    'The run folder has none: it was made before the harness had its own load engine, or the run stopped before its first second. Re-run the profile.',
  );
}

/** A run folder's samples, from its load-seconds.ndjson. */
export function readRunSamples(runDir: string): RunSamples {
  const file = runFile(runDir, 'loadSeconds');
  if (!existsSync(file)) throw noSecondRows(file);
  return readSecondRows(file);
}
