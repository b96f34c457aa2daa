// The error a user can fix: it names the input, what was expected, and what to do. Exit code 2.

export class UsageError extends Error {
  readonly exitCode = 2;
  /** The three parts of the message, kept so that the error can be made again on the far side of a thread. */
  readonly input: string;
  readonly expected: string;
  readonly hint: string;
  constructor(input: string, expected: string, hint: string) {
    super(`${input}: expected ${expected}. ${hint}`);
    this.name = 'UsageError';
    this.input = input;
    this.expected = expected;
    this.hint = hint;
  }
}

/** A fault found in the system under test or a missed target: reported as a finding, exit 1. */
export class TargetMissed extends Error {
  readonly exitCode = 1;
  override name = 'TargetMissed';
}
