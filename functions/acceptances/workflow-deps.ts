/**
 * The production wiring of the acceptance workflow's ports: Step Functions for task tokens, the table for parked
 * callbacks (shared/adapters/dynamodb/acceptance-callbacks.ts), the clock and store, and the embedded stack's
 * period override (MINIMUM_PERIOD_SECONDS_OVERRIDE: one acceptance day lasts that many seconds; refused inside
 * Lambda by shared/config.ts, so production always counts days).
 */
import {
  clearAcceptanceCallback,
  findAcceptanceCallback,
  parkAcceptanceCallback,
} from '#shared/adapters/dynamodb/acceptance-callbacks';
import { sendTaskFailure, sendTaskSuccess } from '#shared/adapters/sfn/workflows';
import { clock, store } from '#shared/adapters/store';
import { config } from '#shared/config';
import type { AcceptanceCallbackDeps } from '#shared/use-cases/acceptance-callbacks';

export const acceptanceCallbackDeps: AcceptanceCallbackDeps = {
  callbacks: { park: parkAcceptanceCallback, find: findAcceptanceCallback, clear: clearAcceptanceCallback },
  tasks: { sendTaskSuccess, sendTaskFailure },
};

export const acceptanceDeps = {
  store,
  clock,
  daySeconds: config.MINIMUM_PERIOD_SECONDS_OVERRIDE,
  ...acceptanceCallbackDeps,
};
