// What a run against an exchange the harness did not start (`run --base-url`) says about integrity: the insurer's
// side is not the harness's to read, so the run does not check it, says so, and says how to check it afterwards.

/** The integrity check a run against --base-url leaves to the user, as one sentence naming the command. */
export function integrityNotCheckedHint(ledgerFile: string): string {
  return `check it with \`harness reconcile --ledger ${ledgerFile} --edi DIR\`, DIR holding the 834 files the back end received`;
}
