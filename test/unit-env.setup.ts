/**
 * setupFile of the `unit` project, before test/setup.ts. When `npm test` runs both projects, the stack
 * project's globalSetup sets the embedded stack's environment in the main process before any worker starts,
 * and unit workers inherit it; unit and handler tests run on production settings, so drop what would change
 * behaviour (tests that need a setting set it themselves).
 */
delete process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE;
