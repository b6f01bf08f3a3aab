/**
 * What the use cases need from the outside world. Handlers inject the AWS adapters; tests may pass fakes.
 */
import type { AuditEntry } from '#shared/domain/audit-chain';
import type { Clock } from '#shared/domain/clock';
import type { CommitOptions, ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import type { ItemKey } from '#shared/adapters/dynamodb/keys';
import type { PresignedUpload, UploadOptions } from '#shared/adapters/s3/document-storage';

export interface RecordStorePort {
  get<T>(key: ItemKey): Promise<Stored<T> | undefined>;
  queryPartition<T>(
    partitionKey: string,
    page: {
      limit: number;
      cursor?: string;
      newestFirst?: boolean;
      sortKeyPrefix?: string;
      sortKeyFrom?: string;
      consistent?: boolean;
    },
  ): Promise<Page<Stored<T>>>;
  queryIndex<T>(
    indexPartition: string,
    page: { limit: number; cursor?: string; newestFirst?: boolean; sortKeyPrefix?: string },
  ): Promise<Page<Stored<T>>>;
  queryAll<T>(
    partitionKey: string,
    options?: { sortKeyPrefix?: string; consistent?: boolean },
  ): Promise<Stored<T>[]>;
  auditTrail(recordType: string, recordId: string): Promise<AuditEntry[]>;
  commit(
    changes: readonly RecordChange[],
    extras?: readonly ExtraWrite[],
    options?: CommitOptions,
  ): Promise<AuditEntry[]>;
}

export interface DocumentStoragePort {
  /** `notAfter`: the form expires no later than this (a bid document's deadline). */
  presignUpload(
    objectKey: string,
    contentType: string,
    size: number,
    now: Date,
    notAfter?: Date,
    /** `fileName`: the stored `Content-Disposition` of later downloads. A bid document's key is sealed (SSE-KMS). */
    options?: UploadOptions,
  ): Promise<PresignedUpload>;
  /** `versionId`: the version the verifier checked, so the link serves those bytes and no later upload (issue 11 §4). */
  /** The URL names no file (S3 access logs): the object carries the `Content-Disposition` its form stored. */
  presignDownload(
    objectKey: string,
    now: Date,
    versionId?: string,
  ): Promise<{ url: string; expiresAt: Date }>;
  readObject(objectKey: string): Promise<Uint8Array | undefined>;
}

/**
 * Names what a sealed value belongs to, e.g. { projectId, contractorId } of a bid. Opening needs the same context:
 * KMS (or the local key) refuses another, and every KMS call logs it to CloudTrail. Never put a secret in it.
 */
export type EncryptionContext = Readonly<Record<string, string>>;

/** A value sealed under its own data key (envelope encryption): stored as a map, opened only with kms:Decrypt. */
export interface SealedValue {
  v: 1;
  /** The data key, wrapped by the key-encryption key (base64). */
  key: string;
  iv: string;
  /** AES-256-GCM ciphertext and tag (base64). */
  data: string;
}

/** Seals (kms:GenerateDataKey only): a function that only seals cannot open what it sealed. */
export interface SealPort {
  seal(plaintext: string, context: EncryptionContext): Promise<SealedValue>;
}

/** Opens (kms:Decrypt): given only to the functions that must read sealed values. */
export interface OpenPort {
  open(sealed: SealedValue, context: EncryptionContext): Promise<string>;
}

/** Envelope encryption through KMS on AWS or the local key on the embedded stack (shared/adapters/kms/envelope.ts). */
export type EnvelopePort = SealPort & OpenPort;

export interface Deps {
  store: RecordStorePort;
  clock: Clock;
}

export interface DocumentDeps extends Deps {
  storage: DocumentStoragePort;
}

/** Business metrics an operator watches (issue 9 §5). */
export type BusinessMetric = 'BidsReceived' | 'BidsRevised' | 'ContractsSigned';

/** Counts a business event; use cases call it only after the change it counts has committed. Never rejects. */
export interface BusinessMetricsPort {
  count(metric: BusinessMetric): Promise<void>;
}

/** Absent `metrics` (tests, scripts): nothing is counted. */
export interface MetricsDeps {
  metrics?: BusinessMetricsPort;
}

/** Issue 11 §6: keyed hashes of personal data (HMAC-SHA-256 under a KMS key; a local key on the embedded stack). */
export interface KeyedHashPort {
  /** Hex; `purpose` separates the hash spaces of the fields (shared/domain/personal-data.ts HASH_PURPOSE). */
  hash(purpose: string, value: string): Promise<string>;
}
