/**
 * The embedded stack's stand-in for the KMS HMAC key (issue 11 §6): a 32-byte key file under the stack's data
 * directory, made at first use by the same code as the envelope's local keys (envelope-local.ts), never committed.
 * It computes what GenerateMac computes (HMAC-SHA-256), but proves nothing about who holds the key: every handler
 * of the embedded stack can read the file.
 */
import { createHmac } from 'node:crypto';
import type { KeyedHashPort } from '#shared/use-cases/ports';
import { ensureLocalKey } from './envelope-local';
import { macMessage } from './keyed-hash-env';

export function localKeyedHash(file: string): KeyedHashPort {
  let key: Buffer | undefined;
  return {
    hash(purpose, value) {
      key ??= ensureLocalKey(file);
      return Promise.resolve(createHmac('sha256', key).update(macMessage(purpose, value)).digest('hex'));
    },
  };
}
