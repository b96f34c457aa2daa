// The waiting room over HTTP: enter, poll a ticket, or leave an e-mail and go; and the gate in front of the journey.
// Capacity 0 means no limit: everyone is admitted at once, so clients use one flow either way. Its routes are
// JourneyRoutes, served by the Express app and by the journey fast path alike (journeyFastPath.ts).

import type { NextFunction, Request, Response } from 'express';
import type { AdmissionControl } from './admission.ts';
import type { ApiRequest, ApiResponse, JourneyRoute, RouteContext } from './routeContext.ts';
import type { Admission } from './waitingRoom.ts';
import { SESSION_HEADER, type RouteName } from '../../vocabulary/routes.ts';

export { SESSION_HEADER };

function retryAfterSeconds(admission: Admission): number {
  if (admission.admitted || admission.estimatedWaitSeconds === null) return 2;
  return Math.min(30, Math.max(1, admission.estimatedWaitSeconds));
}

function answer(res: ApiResponse, given: Admission): void {
  if (given.admitted) return void res.status(200).json(given);
  res
    .set('Retry-After', String(retryAfterSeconds(given)))
    .status(202)
    .json(given);
}

/**
 * The waiting room's routes, `open` (they are how one gets admitted). With no waiting room (`deps.admission`
 * undefined) everyone is admitted, counted here; a room counts its own admissions. Fault switches never act on them.
 */
export function waitingRoomRoutes({ deps, named }: RouteContext): JourneyRoute[] {
  const { admission, metrics } = deps;
  const route = (method: JourneyRoute['method'], path: string, handler: (req: ApiRequest, res: ApiResponse) => Promise<void>): JourneyRoute => ({
    method,
    path,
    handle: named('waiting_room', handler),
    open: true,
  });
  return [
    route('POST', '/api/v1/waiting-room', async (_req, res) => {
      if (admission) return answer(res, await admission.enter());
      metrics.waitingRoomAdmitted.inc();
      answer(res, { admitted: true, sessionId: 'open' });
    }),

    route('GET', '/api/v1/waiting-room/:ticketId', async (req, res) => {
      const polled = await admission?.poll(String(req.params.ticketId));
      if (!polled) return void res.status(404).json({ error: 'no such ticket: enter again with POST /api/v1/waiting-room' });
      answer(res, polled);
    }),

    // Signing out (or closing the site): the session's place goes to the head of the queue at once, not after it idles.
    route('DELETE', '/api/v1/waiting-room/session', async (req, res) => {
      const session = req.get(SESSION_HEADER);
      if (!session) return void res.status(400).json({ error: `send the session to end in the ${SESSION_HEADER} header` });
      await admission?.leave(session);
      res.status(204).end();
    }),

    route('POST', '/api/v1/waiting-room/:ticketId/email-me-later', async (req, res) => {
      if (!(await admission?.abandon(String(req.params.ticketId)))) return void res.status(404).json({ error: 'no such ticket in the queue' });
      res.status(202).json({ recorded: true });
    }),
  ];
}

/** What a request without an admitted, still-active session is answered (403), on either path to the journey. */
export const ADMISSION_REFUSED = {
  route: 'admission_refused' satisfies RouteName,
  body: { error: `enter through the waiting room first: POST /api/v1/waiting-room, then send ${SESSION_HEADER}` },
};

/** Whether the request's session is admitted and still active (touching it); always, with no waiting room. */
export async function isAdmitted(admission: AdmissionControl | undefined, req: Pick<ApiRequest, 'get'>): Promise<boolean> {
  if (!admission) return true;
  const session = req.get(SESSION_HEADER);
  return session !== undefined && session !== '' && (await admission.touch(session));
}

/** In front of the journey: only admitted, still-active sessions pass. */
export function requireAdmission(admission: AdmissionControl | undefined) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (!admission || (await isAdmitted(admission, req))) return next();
    res.locals.route = ADMISSION_REFUSED.route;
    res.status(403).json(ADMISSION_REFUSED.body);
  };
}
