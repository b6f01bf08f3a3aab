/**
 * The OAuth scopes an API route requires of a token (issue 11 §2): API Gateway's JWT authorizer lets a token through
 * only if its `scope` claim holds at least one of the route's `authorizationScopes`, and a Cognito ID token has no
 * `scope` claim at all, so it is refused at the gateway before any function runs (the handlers also refuse it by
 * `token_use`, shared/http/principal.ts). CDK sets them on every authorized route (infra/stacks/routes-stack.ts) and
 * the embedded gateway checks them the same way (infra/local/gateway.ts).
 */
import { PORTAL_SCOPE } from '#shared/http/principal';
import type { RouteDef } from '#shared/http/route-def';

/**
 * What a user's access token carries: `aws.cognito.signin.user.admin` when signed in through the user client's SRP
 * flow, the client's allowed OAuth scopes (`openid` among them) through the hosted UI's code flow.
 */
export const USER_TOKEN_SCOPES = ['aws.cognito.signin.user.admin', 'openid'] as const;

/**
 * The scopes of a route: the user scopes if any user role may call it, the portal's resource-server scope if the
 * portal may, or if the route is delegable (issue 12 §1: a portal acts there for a contractor that delegated the
 * route's scope to it, `On-Behalf-Of`), so a portal token cannot even reach the other routes; none for a public
 * route. It takes the route itself, so no caller can leave `delegable` out (the embedded gateway once did).
 */
export function routeScopes({ auth, delegable }: Pick<RouteDef, 'auth' | 'delegable'>): string[] | undefined {
  if (auth === 'public') return undefined;
  return [
    ...(auth.some((role) => role !== 'portal') ? USER_TOKEN_SCOPES : []),
    ...(auth.includes('portal') || delegable !== undefined ? [PORTAL_SCOPE] : []),
  ];
}
