import { payMilestoneRoute } from './routes';
import { idempotency } from '#shared/adapters/dynamodb/idempotency';
import { clock, store } from '#shared/adapters/store';
import { api, created } from '#shared/http/api-handler';
import type { PaymentView } from '#shared/use-cases/payments';
import { payMilestone } from '#shared/use-cases/payments';
import { paymentView } from './views';

const respond = (payment: PaymentView) => created(paymentView(payment), payment.version);

export const handler = api(
  payMilestoneRoute,
  async ({ params, body, principal, actor, remember }) =>
    respond(
      await payMilestone({ store, clock }, params.id, body, {
        viewer: principal,
        actor,
        remember: (payment) => remember(respond(payment)),
      }),
    ),
  { idempotency },
);
