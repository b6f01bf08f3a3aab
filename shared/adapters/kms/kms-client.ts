/**
 * The KMS client, imported and built at the first call, not at init (as the metrics client is): a function that
 * seals, opens or hashes pays for the SDK when it first needs it, and a cold start that never does pays nothing
 * (issue 9's init figures, issue 11 §7). Shared by the envelope's and the keyed hash's KMS adapters.
 */
import type * as KmsSdk from '@aws-sdk/client-kms';
import type { KMSClient } from '@aws-sdk/client-kms';

export type Kms = typeof KmsSdk;
let loaded: Promise<{ sdk: Kms; client: KMSClient }> | undefined;

export function kms(): Promise<{ sdk: Kms; client: KMSClient }> {
  loaded ??= import('@aws-sdk/client-kms').then(
    (sdk) => ({ sdk, client: new sdk.KMSClient({}) }),
    (error: unknown) => {
      loaded = undefined;
      throw error;
    },
  );
  return loaded;
}
