/**
 * The local key that plays KMS's part on the embedded stack (issue 11 §1): one AES-256-GCM key-encryption key per
 * key name in a file under the stack's data directory (`<dataDir>/kms/<name>.key`, made at first use, mode 0600,
 * never committed). A data key is wrapped under it with the encryption context as additional data, so a wrapped
 * key opens only under its own context, as KMS Decrypt refuses another one.
 *
 * What it cannot prove: every handler of the embedded stack runs in one process that can read the key file, so the
 * IAM split (only CloseBidding and the contractor's own read may Decrypt) holds on AWS alone; the CDK tests assert
 * that split (test/infra/seal-key.test.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EncryptionContext } from '#shared/use-cases/ports';
import { contextBytes, type DataKeyPort } from './envelope';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 1;

/** A name is a file name: letters, digits and dashes only. */
const KEY_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function localKeyFile(dir: string, name: string): string {
  if (!KEY_NAME.test(name)) throw new Error(`Invalid local key name: ${name}`);
  return path.join(dir, `${name}.key`);
}

/**
 * The key in `file`, made if it is not there yet. Written to a temporary file and linked into place, so two
 * processes starting at once both end up with the one key that won (link fails when the name exists).
 */
export function ensureLocalKey(file: string): Buffer {
  try {
    return readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
  return readKey(file);
}

function readKey(file: string): Buffer {
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error(`The local key ${file} is not ${KEY_BYTES} bytes`);
  return key;
}

/** KMS's InvalidCiphertextException, by name, so callers treat both alike. */
class InvalidCiphertextException extends Error {
  override name = 'InvalidCiphertextException';
}

/** Wrapped data key: format byte, IV, GCM tag, the 32 wrapped bytes. */
export function localDataKeys(file: string): DataKeyPort {
  const name = path.basename(file, '.key');
  const aad = (context: EncryptionContext) =>
    Buffer.concat([Buffer.from(`local-kms:${name}:`, 'utf8'), contextBytes(context)]);
  let kek: Buffer | undefined;
  const key = () => (kek ??= ensureLocalKey(file));
  return {
    async generateDataKey(context) {
      const plaintext = randomBytes(KEY_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      cipher.setAAD(aad(context));
      const wrapped = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return {
        plaintext,
        wrapped: Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), wrapped]),
      };
    },
    async decryptDataKey(wrapped, context) {
      const blob = Buffer.from(wrapped);
      if (blob.length !== 1 + IV_BYTES + TAG_BYTES + KEY_BYTES || blob[0] !== FORMAT)
        throw new InvalidCiphertextException('not a data key wrapped by this local key');
      const decipher = createDecipheriv('aes-256-gcm', key(), blob.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(aad(context));
      decipher.setAuthTag(blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new InvalidCiphertextException('the data key does not open under this key and context');
      }
    },
  };
}
