import { terminateContractRoute } from './routes';
import {
  clearAcceptanceCallback,
  listAcceptanceCallbacks,
} from '#shared/adapters/dynamodb/acceptance-callbacks';
import { sendTaskFailure } from '#shared/adapters/sfn/workflows';
import { clock, store } from '#shared/adapters/store';
import { api, ok } from '#shared/http/api-handler';
import type { AcceptanceAbortDeps } from '#shared/use-cases/acceptance-callbacks';
import { terminateContract } from '#shared/use-cases/payments';
import { contractView } from '../contracts/views';

/** The termination ends its contract's waiting acceptance workflows (R-ACC-3): their parked callbacks, failed. */
const abortDeps: AcceptanceAbortDeps = {
  callbacks: { listParked: listAcceptanceCallbacks, clear: clearAcceptanceCallback },
  tasks: { sendTaskFailure },
};

export const handler = api(terminateContractRoute, async ({ params, body, principal, actor, ifMatch }) => {
  const contract = await terminateContract({ store, clock, ...abortDeps }, params.id, body, {
    viewer: principal,
    actor,
    ifMatch,
  });
  return ok(contractView(contract), contract.version);
});
