// Applications: submit, update (until enrolled), eligibility, and the plans a household may buy.

import { randomUUID } from 'node:crypto';
import { WRONG_SUBSIDY_EXTRA } from './frontFaults.ts';
import { HttpError } from './httpError.ts';
import type { JourneyRoute, RouteContext } from './routeContext.ts';
import { applicationSchemaAt } from './schemas.ts';

export function applicationRoutes({ deps, access, named, faults, now }: RouteContext): JourneyRoute[] {
  const { store, rules, metrics } = deps;
  const applicationSchema = applicationSchemaAt(now);
  return [
    {
      method: 'POST',
      path: '/api/v1/applications',
      handle: named('application', async (req, res) => {
        const accountId = access.accountOf(req);
        const body = access.bodyOf(applicationSchema, req.body);
        const id = randomUUID();
        await store.saveApplication({ id, accountId, planYear: body.planYear, household: body.household });
        metrics.applicationsSubmitted.inc();
        res.status(201).json({ applicationId: id });
      }),
    },
    {
      method: 'PUT',
      path: '/api/v1/applications/:applicationId',
      handle: named('application_update', async (req, res) => {
        const { accountId, application } = access.ownApplication(req);
        const body = access.bodyOf(applicationSchema, req.body);
        // Checked again in the transaction that writes it: an enrollment may be waiting on the same group commit.
        const enrolled = (): never => {
          throw new HttpError(409, 'this application has enrolled: changes after enrollment are a life-event report, not an update');
        };
        if (store.enrollmentsOf(accountId).some((e) => e.householdId === application.id)) enrolled();
        if (!(await store.updateApplication({ id: application.id, accountId, planYear: body.planYear, household: body.household }))) enrolled();
        res.json({ applicationId: application.id });
      }),
    },
    {
      method: 'POST',
      path: '/api/v1/applications/:applicationId/eligibility',
      handle: named('eligibility', (req, res) => {
        const { application, household, planYear } = access.ownApplication(req);
        const eligibility = rules.eligibility(household, planYear);
        if (faults.wrongSubsidy(application.id)) eligibility.maxMonthlyCredit += WRONG_SUBSIDY_EXTRA;
        metrics.eligibilityResults.inc({ outcome: eligibility.result === 'aptc' && eligibility.maxMonthlyCredit === 0 ? 'no_aptc' : eligibility.result });
        res.json(eligibility);
      }),
    },
    {
      method: 'GET',
      path: '/api/v1/applications/:applicationId/plans',
      handle: named('plans', (req, res) => {
        const { household, planYear } = access.ownApplication(req);
        res.json({ plans: rules.plans(household, planYear) });
      }),
    },
  ];
}
