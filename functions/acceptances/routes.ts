/**
 * The acceptances routes of the route table (functions/routes.ts), issue 13; each handler imports only its own entry.
 * `acceptancesRoutes` maps each route's name to its entry: routes.ts spreads it into the table.
 */
import type { RouteDef } from '#shared/http/route-def';

export const acceptancesRoutes = {} as const satisfies Record<string, RouteDef>;
