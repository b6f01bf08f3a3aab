import 'aws-sdk-client-mock-vitest/extend';

// Handlers validate their environment at import (shared/config.ts); unit and handler tests never reach AWS.
process.env.TABLE_NAME ??= 'assistance';
process.env.BUCKET_NAME ??= 'assistance-documents';
process.env.AWS_REGION ??= 'cn-north-1';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.LOG_LEVEL ??= 'SILENT';
