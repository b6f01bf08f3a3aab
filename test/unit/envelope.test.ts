/**
 * The envelope port (issue 11 §1, R-PROC-5; reused for resident ids, §6): a sealed value holds no plaintext, opens
 * only under the context it was sealed with, and the local key plays KMS's part (a key file made once, 0600, and
 * a wrapped data key bound to its context as KMS binds it). The KMS adapter sends the key id and the context.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envelope, isSealedValue } from '#shared/adapters/kms/envelope';
import { kmsDataKeys } from '#shared/adapters/kms/envelope-kms';
import { ensureLocalKey, localDataKeys, localKeyFile } from '#shared/adapters/kms/envelope-local';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'envelope-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const BID = { projectId: 'prj-000001', contractorId: 'ctr-000001' };
const SECRET = JSON.stringify({ price: 4_321_000, proposal: { summary: '助餐服务方案' } });

describe('the local key (embedded stack)', () => {
  it('seals a value that holds nothing of the plaintext and opens it under the same context', async () => {
    const seal = envelope(localDataKeys(localKeyFile(dir, 'bid-seal')));
    const sealed = await seal.seal(SECRET, BID);
    expect(isSealedValue(sealed)).toBe(true);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('4321000');
    expect(stored).not.toContain(Buffer.from(SECRET).toString('base64').slice(0, 12));
    await expect(seal.open(sealed, BID)).resolves.toBe(SECRET);
    // Context keys in another order are the same context.
    await expect(
      seal.open(sealed, { contractorId: BID.contractorId, projectId: BID.projectId }),
    ).resolves.toBe(SECRET);
  });

  it('refuses another context, another key and altered bytes', async () => {
    const keys = localDataKeys(localKeyFile(dir, 'bid-seal'));
    const seal = envelope(keys);
    const sealed = await seal.seal(SECRET, BID);
    await expect(seal.open(sealed, { ...BID, contractorId: 'ctr-000002' })).rejects.toThrow();
    await expect(seal.open(sealed, { projectId: BID.projectId })).rejects.toThrow();
    const other = envelope(localDataKeys(localKeyFile(dir, 'other-key')));
    await expect(other.open(sealed, BID)).rejects.toThrow();
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    await expect(seal.open({ ...sealed, data: data.toString('base64') }, BID)).rejects.toThrow(
      'does not open under this context',
    );
    // A wrapped key moved under another context is refused by the key itself, as KMS refuses it.
    const { wrapped } = await keys.generateDataKey(BID);
    await expect(keys.decryptDataKey(wrapped, { ...BID, projectId: 'prj-000002' })).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
    });
  });

  it('makes its key file once, readable by its owner only, and keeps it across restarts', async () => {
    const file = localKeyFile(dir, 'bid-seal');
    const first = ensureLocalKey(file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureLocalKey(file).equals(first)).toBe(true);
    const sealed = await envelope(localDataKeys(file)).seal(SECRET, BID);
    // A new adapter (a restarted stack) opens what the last one sealed.
    await expect(envelope(localDataKeys(file)).open(sealed, BID)).resolves.toBe(SECRET);
    expect(readFileSync(file).equals(first)).toBe(true);
  });

  it('refuses a key name that is not a plain file name', () => {
    expect(() => localKeyFile(dir, '../escape')).toThrow('Invalid local key name');
  });
});

describe('the KMS adapter', () => {
  const kmsMock = mockClient(KMSClient);
  beforeEach(() => kmsMock.reset());
  const KEY = 'arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  it('generates a data key and decrypts it with the key id and the encryption context', async () => {
    // The local key stands in for KMS's wrapping, so the round trip is real.
    const fake = localDataKeys(localKeyFile(dir, 'fake-kms'));
    kmsMock
      .on(GenerateDataKeyCommand)
      .callsFake(async (input: { EncryptionContext: Record<string, string> }) => {
        const { plaintext, wrapped } = await fake.generateDataKey(input.EncryptionContext);
        return { Plaintext: plaintext, CiphertextBlob: wrapped, KeyId: KEY };
      });
    kmsMock
      .on(DecryptCommand)
      .callsFake(
        async (input: { CiphertextBlob: Uint8Array; EncryptionContext: Record<string, string> }) => ({
          Plaintext: await fake.decryptDataKey(input.CiphertextBlob, input.EncryptionContext),
          KeyId: KEY,
        }),
      );
    const seal = envelope(kmsDataKeys(KEY));
    const sealed = await seal.seal(SECRET, BID);
    await expect(seal.open(sealed, BID)).resolves.toBe(SECRET);
    expect(kmsMock).toHaveReceivedCommandWith(GenerateDataKeyCommand, {
      KeyId: KEY,
      KeySpec: 'AES_256',
      EncryptionContext: BID,
    });
    expect(kmsMock).toHaveReceivedCommandWith(DecryptCommand, { KeyId: KEY, EncryptionContext: BID });
  });
});
