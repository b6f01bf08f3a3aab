import { openAcceptanceRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { startExecution } from '#shared/adapters/sfn/workflows';
import { api, created } from '#shared/http/api-handler';
import { openAcceptance } from '#shared/use-cases/acceptances';
import { envelopeFor } from '#shared/adapters/kms/envelope-keys';
import { LOCAL_PERSONAL_DATA_KEY, PERSONAL_DATA_KEY_ENV } from '#shared/adapters/kms/keyed-hash-env';
import { acceptanceDeps } from './workflow-deps';

// Opens the recipients' sealed contacts for the purchaser's answer (infra/constructs/customer-keys.ts
// PERSONAL_DATA_USERS openAcceptance: 'open'); built at init, so a function not bound to the key fails there.
const deps = { ...acceptanceDeps, open: envelopeFor(PERSONAL_DATA_KEY_ENV, LOCAL_PERSONAL_DATA_KEY) };

/** The execution is named by the acceptance: Step Functions starts it at most once (a replay starts nothing new). */
const start = (contractId: string, acceptanceId: string) =>
  startExecution('acceptance', acceptanceId, { contractId, acceptanceId });

export const handler = api(
  openAcceptanceRoute,
  async ({ params, body, principal, actor, remember }) => {
    const { acceptance, tokens } = await openAcceptance(deps, params.id, body, {
      viewer: principal,
      actor,
      remember,
      start: async (opened) => {
        await start(opened.contractId, opened.id);
      },
    });
    return created({ ...acceptance, tokens }, acceptance.version);
  },
  {
    idempotency,
    // The remembered answer holds no token (answered once); a replay starts the execution again if the first
    // answer's start was lost (same name and input: the same execution).
    replay: async (remembered) => {
      const body = remembered.body as { id: string; contractId: string };
      await start(body.contractId, body.id);
      return remembered;
    },
  },
);
