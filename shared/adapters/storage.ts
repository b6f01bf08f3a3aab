import type { DocumentStoragePort } from '#shared/use-cases/ports';
import { presignDownload, presignUpload, readObject } from './s3/document-storage';

export const storage: DocumentStoragePort = { presignUpload, presignDownload, readObject };
