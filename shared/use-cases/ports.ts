/**
 * What the use cases need from the outside world. Handlers inject the AWS adapters; tests may pass fakes.
 */
import type { AuditEntry } from '#shared/domain/audit-chain';
import type { Clock } from '#shared/domain/clock';
import type { CommitOptions, ExtraWrite, RecordChange } from '#shared/adapters/dynamodb/record-store';
import type { Page, Stored } from '#shared/adapters/dynamodb/records';
import type { ItemKey } from '#shared/adapters/dynamodb/keys';
import type { PresignedUpload } from '#shared/adapters/s3/document-storage';

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
  ): Promise<PresignedUpload>;
  /** `versionId`: the version the verifier checked, so the link serves those bytes and no later upload (issue 11 §4). */
  presignDownload(
    objectKey: string,
    fileName: string,
    now: Date,
    versionId?: string,
  ): Promise<{ url: string; expiresAt: Date }>;
  readObject(objectKey: string): Promise<Uint8Array | undefined>;
}

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
