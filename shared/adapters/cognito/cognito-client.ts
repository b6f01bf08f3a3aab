/**
 * The Cognito client, imported and built at the first call, not at init (as the KMS client is,
 * shared/adapters/kms/kms-client.ts): only the contractor-user route uses it, and its cold start pays for the SDK
 * when it first creates a login (issue 9's init figures, issue 11 §7).
 */
import type * as CognitoSdk from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

import { cached } from '#shared/adapters/cached';

export const cognito: () => Promise<{
  sdk: typeof CognitoSdk;
  client: CognitoIdentityProviderClient;
}> = cached(async () => {
  const sdk = await import('@aws-sdk/client-cognito-identity-provider');
  return { sdk, client: new sdk.CognitoIdentityProviderClient({}) };
});
