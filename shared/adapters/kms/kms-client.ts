/**
 * The KMS client, imported and built at the first call, not at init (as the metrics client is): a function that
 * seals, opens or hashes pays for the SDK when it first needs it, and a cold start that never does pays nothing
 * (issue 9's init figures, issue 11 §7). Shared by the envelope's and the keyed hash's KMS adapters.
 */
import type * as KmsSdk from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';

import { cached } from '#shared/adapters/cached';

export const kms: () => Promise<{ sdk: typeof KmsSdk; client: KMSClient }> = cached(async () => {
  const sdk = await import('@aws-sdk/client-kms');
  return { sdk, client: new sdk.KMSClient({}) };
});
