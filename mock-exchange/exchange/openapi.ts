// The exchange's OpenAPI 3.1 document, generated from the same zod schemas that validate every request, so the
// document and the validation cannot drift. Served at GET /api/v1/openapi.json and committed as docs/openapi.json
// (a test keeps the committed copy current), so scenarios can be pointed at a real exchange with the same contract.

import { z } from 'zod';
import { SESSION_HEADER } from '../../vocabulary/routes.ts';
import { accountSchema, applicationSchema, browseQuerySchema, enrollmentSchema, loginSchema } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorBody = {
  type: 'object',
  properties: { error: { type: 'string', description: 'what was wrong, naming the field, and what to do' } },
  required: ['error'],
};
const answer = (description: string, schemaRef?: string) => ({
  description,
  content: { 'application/json': { schema: schemaRef ? { $ref: `#/components/schemas/${schemaRef}` } : { type: 'object' } } },
});
const problem = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const body = (ref: string) => ({ required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });

const bearer = [{ bearer: [] }];
const admitted = { $ref: '#/components/parameters/WaitingRoomSession' };
const applicationId = { name: 'applicationId', in: 'path', required: true, schema: { type: 'string' } };
const invalid = problem('the request is invalid; the message names the field');
const unauthenticated = problem('no valid bearer token');
const notYours = problem('no such resource for this account (another account’s is reported the same way)');
const notAdmitted = problem('not admitted by the waiting room: enter first and send the session header');

function browseParameters(): unknown[] {
  const schema = jsonSchema(browseQuerySchema) as { properties: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Mock marketplace exchange',
      version: '1',
      description:
        'The journey a consumer takes: browse plans, wait in the waiting room, create an account or log in, apply, learn the eligibility and subsidy, shop, enroll, and check the enrollment. Route names in parentheses are the `route` label of the exchange’s metrics.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/plans': {
        get: {
          operationId: 'browse',
          summary: 'Plans and premiums before subsidy, anonymously (browse)',
          parameters: browseParameters(),
          responses: { 200: answer('plans of the ZIP’s rating area'), 400: invalid, 422: problem('a ZIP or county this exchange does not serve') },
        },
      },
      '/api/v1/waiting-room': {
        post: {
          operationId: 'enterWaitingRoom',
          summary: 'Enter (waiting_room)',
          responses: {
            200: answer('admitted: { admitted, sessionId }'),
            202: answer('queued: { admitted, ticketId, position, estimatedWaitSeconds }; Retry-After says when to poll'),
          },
        },
      },
      '/api/v1/waiting-room/{ticketId}': {
        get: {
          operationId: 'pollWaitingRoom',
          summary: 'Poll a ticket (waiting_room)',
          parameters: [{ name: 'ticketId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: answer('admitted'), 202: answer('still queued'), 404: problem('no such ticket') },
        },
      },
      '/api/v1/waiting-room/{ticketId}/email-me-later': {
        post: {
          operationId: 'emailMeLater',
          summary: 'Leave the queue and be e-mailed when there is room (waiting_room)',
          parameters: [{ name: 'ticketId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 202: answer('{ recorded: true }'), 404: problem('no such ticket in the queue') },
        },
      },
      '/api/v1/waiting-room/session': {
        delete: {
          operationId: 'leaveWaitingRoom',
          summary: 'Sign out: the place goes to the head of the queue (waiting_room)',
          parameters: [admitted],
          responses: { 204: { description: 'left' }, 400: problem('no session header') },
        },
      },
      '/api/v1/accounts': {
        post: {
          operationId: 'createAccount',
          summary: 'Create an account (account)',
          parameters: [admitted],
          requestBody: body('Account'),
          responses: { 201: answer('{ accountId, token, expiresAt }'), 400: invalid, 403: notAdmitted, 409: problem('an account with this e-mail exists') },
        },
      },
      '/api/v1/sessions': {
        post: {
          operationId: 'login',
          summary: 'Log in (login)',
          parameters: [admitted],
          requestBody: body('Login'),
          responses: { 200: answer('{ accountId, token, expiresAt }'), 400: invalid, 401: problem('e-mail or password is wrong'), 403: notAdmitted },
        },
      },
      '/api/v1/applications': {
        post: {
          operationId: 'submitApplication',
          summary: 'Apply (application)',
          security: bearer,
          parameters: [admitted],
          requestBody: body('Application'),
          responses: { 201: answer('{ applicationId }'), 400: invalid, 401: unauthenticated, 403: notAdmitted },
        },
      },
      '/api/v1/applications/{applicationId}': {
        put: {
          operationId: 'updateApplication',
          summary: 'Change the application before enrolling (application_update)',
          security: bearer,
          parameters: [admitted, applicationId],
          requestBody: body('Application'),
          responses: { 200: answer('{ applicationId }'), 400: invalid, 401: unauthenticated, 404: notYours, 409: problem('already enrolled') },
        },
      },
      '/api/v1/applications/{applicationId}/eligibility': {
        post: {
          operationId: 'determineEligibility',
          summary: 'Eligibility, subsidy (APTC) and cost-sharing variant (eligibility)',
          security: bearer,
          parameters: [admitted, applicationId],
          responses: {
            200: answer(
              '{ ratingArea, fplPercent, result, medicaidMembers, applicablePercent, benchmarkPremium, maxMonthlyCredit, csrVariant }: result "medicaid" (the subscriber is Medicaid/CHIP-eligible: referred to the state, no plan sold), "aptc" or "no_aptc"; medicaidMembers[i] true where Medicaid/CHIP covers member i, who is not enrolled and not in the benchmark; fplPercent truncated to 0.01',
            ),
            401: unauthenticated,
            404: notYours,
          },
        },
      },
      '/api/v1/applications/{applicationId}/plans': {
        get: {
          operationId: 'listPlans',
          summary: 'Plans with premiums net of the household’s subsidy (plans)',
          security: bearer,
          parameters: [admitted, applicationId],
          responses: {
            200: answer('{ plans: [{ planId, issuerId, metal, premium, aptc, netPremium, memberPremiums }] }'),
            401: unauthenticated,
            404: notYours,
          },
        },
      },
      '/api/v1/applications/{applicationId}/enrollments': {
        post: {
          operationId: 'enroll',
          summary: 'Enroll in a plan (enroll)',
          security: bearer,
          parameters: [admitted, applicationId],
          requestBody: body('Enrollment'),
          responses: {
            201: answer('the confirmation', 'Confirmation'),
            200: answer('the earlier confirmation of this application', 'Confirmation'),
            400: invalid,
            401: unauthenticated,
            404: notYours,
            422: problem('the plan is not sold in the household’s rating area, or the household’s eligibility result is "medicaid"'),
          },
        },
      },
      '/api/v1/enrollments': {
        get: {
          operationId: 'listEnrollments',
          summary: 'The account’s own enrollments (enrollments)',
          security: bearer,
          parameters: [admitted],
          responses: { 200: answer('{ enrollments: [Confirmation] }'), 401: unauthenticated },
        },
      },
      '/api/v1/enrollments/{confirmationNumber}': {
        get: {
          operationId: 'viewEnrollment',
          summary: 'One own enrollment (enrollment)',
          security: bearer,
          parameters: [admitted, { name: 'confirmationNumber', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: answer('the confirmation', 'Confirmation'), 401: unauthenticated, 404: notYours },
        },
      },
      '/healthz': { get: { operationId: 'health', summary: 'Liveness (health)', responses: { 200: answer('{ status: "ok" }') } } },
      '/readyz': { get: { operationId: 'ready', summary: 'Readiness (health)', responses: { 200: answer('{ status: "ready" }') } } },
      '/metrics': {
        get: {
          operationId: 'metrics',
          summary: 'Prometheus exposition (metrics)',
          responses: { 200: { description: 'text/plain; version=0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token from POST /api/v1/accounts or /api/v1/sessions; expires at expiresAt' },
      },
      parameters: {
        WaitingRoomSession: {
          name: SESSION_HEADER,
          in: 'header',
          required: false,
          description: 'the sessionId the waiting room admitted (required when the exchange runs a waiting room)',
          schema: { type: 'string' },
        },
      },
      schemas: {
        Account: jsonSchema(accountSchema),
        Login: jsonSchema(loginSchema),
        Application: jsonSchema(applicationSchema),
        Enrollment: jsonSchema(enrollmentSchema),
        Confirmation: {
          type: 'object',
          properties: Object.fromEntries(
            [
              ['confirmationNumber', 'string'],
              ['effectiveDate', 'string'],
              ['planId', 'string'],
              ['issuerId', 'string'],
              ['metal', 'string'],
              ['premium', 'number'],
              ['aptc', 'number'],
              ['owed', 'number'],
            ].map(([k, t]) => [k, { type: t }]),
          ),
          required: ['confirmationNumber', 'effectiveDate', 'planId', 'issuerId', 'metal', 'premium', 'aptc', 'owed'],
        },
        Error: errorBody,
      },
    },
  };
}

/** The document as `harness openapi` prints it and docs/openapi.json holds it. */
export const openApiText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;
