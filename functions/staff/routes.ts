/**
 * The staff routes of the route table (functions/routes.ts), issue 13; each handler imports only its own entry.
 * `staffRoutes` maps each route's name to its entry: routes.ts spreads it into the table.
 */
import type { RouteDef } from '#shared/http/route-def';

export const staffRoutes = {} as const satisfies Record<string, RouteDef>;
