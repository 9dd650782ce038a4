import type { Role, ServiceName } from '@naperj/contracts';
import type { RouteKey } from '../support/service-routes';

/**
 * Who may call a route (docs/architecture.md, Auth and roles and the REST sections): nobody
 * needs a token for a public route; otherwise a token of the node's own issuer holding one of
 * `roles`, or any role (none included) when the architecture names none. Whether a route
 * writes follows from its method, since writes have a rule of their own.
 */
export type RouteAccess = { public: true } | { public: false; roles: readonly Role[] | 'any' };

const PUBLIC: RouteAccess = { public: true };
const ANY_ROLE: RouteAccess = { public: false, roles: 'any' };
const only = (...roles: Role[]): RouteAccess => ({ public: false, roles });

/** What the kit serves in every service (docs/architecture.md, REST conventions). */
const KIT_ROUTES: Record<RouteKey, RouteAccess> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': only('operator', 'admin'),
};

/**
 * The one table of the authorization matrix: every route of every service. A route a service
 * serves without an entry here fails the matrix, as does an entry for a route no service serves.
 */
export const AUTHORIZATION_TABLE: Record<ServiceName, Record<RouteKey, RouteAccess>> = {
  submissions: {
    ...KIT_ROUTES,
    'POST /api/v1/submissions': only('submitter'),
    'GET /api/v1/submissions': ANY_ROLE,
    'GET /api/v1/submissions/{id}': ANY_ROLE,
    'PATCH /api/v1/submissions/{id}': only('submitter'),
    'POST /api/v1/submissions/{id}/submit': only('submitter'),
    // An expert reviews only what they are assigned, which the handler checks.
    'POST /api/v1/submissions/{id}/reviews': only('reviewer', 'expert'),
    'POST /api/v1/submissions/{id}/publish': only('reviewer'),
    'POST /api/v1/submissions/{id}/withdraw': only('submitter', 'admin'),
  },
  'expert-network': {
    ...KIT_ROUTES,
    'POST /api/v1/experts': only('expert', 'liaison', 'admin'),
    'GET /api/v1/experts': ANY_ROLE,
    'GET /api/v1/experts/{id}': ANY_ROLE,
    // The profile's own account or a liaison or admin: the handler knows whose profile it is.
    'PATCH /api/v1/experts/{id}': ANY_ROLE,
    'DELETE /api/v1/experts/{id}': ANY_ROLE,
    'GET /api/v1/experts/{id}/erasure': ANY_ROLE,
    'POST /api/v1/exchanges': only('liaison', 'admin'),
    'GET /api/v1/exchanges': ANY_ROLE,
    'GET /api/v1/exchanges/{id}': ANY_ROLE,
    'POST /api/v1/exchanges/{id}/responses': only('expert'),
    'GET /api/v1/exchanges/{id}/responses/{responseId}': ANY_ROLE,
    'POST /api/v1/exchanges/{id}/close': only('liaison', 'admin'),
  },
  'community-engagement': {
    ...KIT_ROUTES,
    'POST /api/v1/consultations': only('liaison', 'admin'),
    'GET /api/v1/consultations': only('liaison', 'admin'),
    'GET /api/v1/consultations/{id}': only('liaison', 'admin'),
    'POST /api/v1/consultations/{id}/close': only('liaison', 'admin'),
    'GET /api/v1/public/consultations/{id}': PUBLIC,
    'POST /api/v1/consultations/{id}/contributions': only('liaison'),
    'GET /api/v1/consultations/{id}/contributions': only('liaison', 'admin'),
    'POST /api/v1/contributions/{id}/hide': only('liaison', 'admin'),
    'POST /api/v1/public/consultations/{id}/contributions': PUBLIC,
    // Public for a contributor who sends their receipt code; the matrix sends none, and
    // without one it is a moderator's write.
    'DELETE /api/v1/contributions/{id}': only('liaison', 'admin'),
    'GET /api/v1/insights': ANY_ROLE,
    'GET /api/v1/insights/{country}/{consultationId}': ANY_ROLE,
  },
  reporting: {
    ...KIT_ROUTES,
    'GET /': PUBLIC,
    'GET /dashboard/{path}': PUBLIC,
    'GET /api/asyncapi.json': PUBLIC,
    'GET /api/v1/indicators': ANY_ROLE,
    'GET /api/v1/indicators/experts': ANY_ROLE,
    'GET /api/v1/indicators/exchanges': ANY_ROLE,
    'GET /api/v1/indicators/erasures': ANY_ROLE,
    'GET /api/v1/indicators/insights': ANY_ROLE,
    'GET /api/v1/reports/summary.json': ANY_ROLE,
    'GET /api/v1/reports/summary.csv': ANY_ROLE,
    'GET /api/v1/federation/status': only('operator', 'admin'),
    'GET /api/v1/stream': only('integrator', 'operator'),
  },
};
