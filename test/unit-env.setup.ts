/**
 * setupFile of the `unit` project, before test/setup.ts. When `npm test` runs both projects, the stack
 * project's globalSetup sets the embedded stack's environment in the main process before any worker starts,
 * and unit workers inherit it; unit and handler tests run on production settings, so drop what would change
 * behaviour (tests that need a setting set it themselves).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

delete process.env.MINIMUM_PERIOD_SECONDS_OVERRIDE;

// The envelope's key (issue 11 §1, §6): the local key that plays KMS's part, in a directory of this worker's own;
// the KMS adapter itself is tested against a mocked client (test/unit/envelope.test.ts).
// The bid seal key a bid document's upload form names (SSE-KMS, shared/adapters/s3/document-storage.ts).
process.env.BID_SEAL_KEY_ID ??=
  'arn:aws-cn:kms:cn-north-1:111122223333:key/0f0e0d0c-0b0a-4090-8070-605040302010';
// Always this worker's own: under `npm test` the stack project's globalSetup may have set the stack's directory.
// Made once per worker, not per file: unit files share a worker's modules (`isolate: false`), and the local KMS
// keeps the keys it read from that directory.
process.env.UNIT_LOCAL_KMS_DIR ??= mkdtempSync(path.join(tmpdir(), 'assistance-kms-'));
process.env.LOCAL_KMS_DIR = process.env.UNIT_LOCAL_KMS_DIR;
