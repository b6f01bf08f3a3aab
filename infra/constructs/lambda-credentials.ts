/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (see bundling.ts). Lambda always hands a
 * function its role's credentials in environment variables, the first link of the SDK's default chain;
 * the rest of the chain (SSO, INI files, IMDS, STS web identity) can never answer there, yet costs
 * about 130 KB of bundle and its import time. The embedded stack runs the unbundled SDK and is unaffected.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
