// The consumers' request names: the `name` tag of the engine's http_req_* series, one series per page whatever ids its
// URL holds. The journeys and probes send them, the comparisons and reports print them, the benches synthesize them.

export const REQUESTS = {
  enterWaitingRoom: 'POST /api/v1/waiting-room',
  pollWaitingRoom: 'GET /api/v1/waiting-room/:ticket',
  leaveWaitingRoom: 'DELETE /api/v1/waiting-room/session',
  browsePlans: 'GET /api/v1/plans',
  createAccount: 'POST /api/v1/accounts',
  logIn: 'POST /api/v1/sessions',
  myEnrollments: 'GET /api/v1/enrollments',
  myEnrollment: 'GET /api/v1/enrollments/:confirmationNumber',
  submitApplication: 'POST /api/v1/applications',
  updateApplication: 'PUT /api/v1/applications/:id',
  determineEligibility: 'POST /api/v1/applications/:id/eligibility',
  listPlans: 'GET /api/v1/applications/:id/plans',
  enroll: 'POST /api/v1/applications/:id/enrollments',
} as const;
export type RequestName = (typeof REQUESTS)[keyof typeof REQUESTS];

/** The enrollment journey's requests in the order a consumer admitted at once sends them, signing out at the end. */
export const ENROLLMENT_REQUESTS = [
  REQUESTS.enterWaitingRoom,
  REQUESTS.createAccount,
  REQUESTS.submitApplication,
  REQUESTS.determineEligibility,
  REQUESTS.listPlans,
  REQUESTS.enroll,
  REQUESTS.leaveWaitingRoom,
] as const;
