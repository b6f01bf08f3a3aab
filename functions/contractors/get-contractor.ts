import { getContractorRoute } from './routes';
import { findDelegation } from '#shared/adapters/dynamodb/delegations';
import { clock, store } from '#shared/adapters/store';
import { businessDate } from '#shared/domain/clock';
import { api, ok } from '#shared/http/api-handler';
import { readContractor } from '#shared/use-cases/contractors';
import { personalDataEnvelope } from './personal-data';
import { contractorView } from './views';

const deps = { store, clock, open: personalDataEnvelope() };

export const handler = api(
  getContractorRoute,
  async ({ params, principal, now }) => {
    const { contractor, disclosure } = await readContractor(deps, params.id, principal);
    return ok(contractorView(contractor, businessDate(now), disclosure), contractor.version);
  },
  { delegations: findDelegation },
);
