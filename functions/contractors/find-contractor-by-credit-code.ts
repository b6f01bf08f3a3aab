import { findContractorByCreditCodeRoute } from './routes';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { findByCreditCode } from '#shared/use-cases/contractors';
import { contractorView } from './views';

const deps = { store, clock };

// Issue 12 §2: the contractor as a list shows it (masks); GET /v1/contractors/{id} discloses what the caller may.
export const handler = api(findContractorByCreditCodeRoute, async ({ params, principal, now }) => {
  const stored = await findByCreditCode(deps, params.creditCode, principal);
  return ok(contractorView(stored.value, businessDate(now)), stored.value.version);
});
