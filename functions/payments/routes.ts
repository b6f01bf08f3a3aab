/**
 * The payments routes of the route table (functions/routes.ts), issue 13; each handler imports only its own entry.
 * `paymentsRoutes` maps each route's name to its entry: routes.ts spreads it into the table.
 */
import type { RouteDef } from '#shared/http/route-def';

export const paymentsRoutes = {} as const satisfies Record<string, RouteDef>;
