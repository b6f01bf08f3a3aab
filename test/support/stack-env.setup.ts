/**
 * setupFile of the `stack` project, before test/setup.ts: code that runs inside the test worker
 * (adapters, direct SDK calls) reaches the same emulators as the handlers behind the gateway.
 */
import { inject } from 'vitest';
import { applyHandlerEnv } from '#infra/local/env';

// Log levels stay test/setup.ts's call.
const { LOG_LEVEL: _logLevel, ...env } = inject('stack').env;
applyHandlerEnv(env);
