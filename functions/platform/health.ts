import { healthRoute } from './routes';
import { api, ok } from '#shared/http/api-handler';

/** Liveness only: no backend is called (issue 11 §2); `GET /v1/health` probes them. */
export const handler = api(healthRoute, async () => ok({ status: 'ok' }));
