// k6's REST API (`k6 run --address`), for starting several instances together: each starts paused (`--paused`),
// the harness waits until every one has initialised its VUs, then resumes them all at once.

/** k6's execution status "paused before run": VUs initialised, waiting for the resume. */
const PAUSED_BEFORE_RUN = 4;

interface StatusBody {
  data?: { attributes?: { status?: number; paused?: boolean } };
}

async function status(address: string): Promise<StatusBody['data'] | undefined> {
  try {
    const response = await fetch(`http://${address}/v1/status`, { signal: AbortSignal.timeout(1_000) });
    return response.ok ? ((await response.json()) as StatusBody).data : undefined;
  } catch {
    return undefined; // not listening yet
  }
}

/** Waits until the instance at `address` is paused before its run; false when it exited first or time ran out. */
export async function waitPausedBeforeRun(address: string, exited: Promise<number>, timeoutMs: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    const attributes = (await status(address))?.attributes;
    if (attributes?.paused === true && attributes.status === PAUSED_BEFORE_RUN) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export async function resume(address: string): Promise<void> {
  const response = await fetch(`http://${address}/v1/status`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: { type: 'status', id: 'default', attributes: { paused: false } } }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`k6 at ${address} refused to resume: HTTP ${response.status} ${await response.text()}`);
}
