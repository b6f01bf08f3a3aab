/**
 * Picks the envelope's key the way the table and bucket are picked (shared/config.ts): on the embedded stack
 * LOCAL_KMS_DIR is set and a local key file plays KMS's part; on AWS the CDK binding sets the key's ARN in the
 * named variable (infra/constructs/seal-key.ts), and a function not bound to the key fails at init.
 */
import { config, requiredEnv } from '#shared/config';
import type { EnvelopePort } from '#shared/use-cases/ports';
import { envelope } from './envelope';
import { kmsDataKeys } from './envelope-kms';
import { localDataKeys, localKeyFile } from './envelope-local';

/** `keyIdEnv`: the variable holding the KMS key id on AWS; `localName`: the local key file's name. */
export function envelopeFor(keyIdEnv: string, localName: string): EnvelopePort {
  const localDir = config.LOCAL_KMS_DIR;
  return envelope(
    localDir !== undefined
      ? localDataKeys(localKeyFile(localDir, localName))
      : kmsDataKeys(requiredEnv(keyIdEnv)),
  );
}
