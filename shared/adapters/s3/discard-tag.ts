/**
 * The object tag by which the verifier marks a version it refused (rejected, a replacement of a checked document, a
 * late version): the document bucket's lifecycle expires only versions so tagged (infra/constructs/retention.ts),
 * and nothing is tagged at upload, so a document whose verdict is still to come can never expire by mistake.
 * Its own module so the CDK app reads it without loading the S3 adapter.
 */
export const DISCARD_TAG = { key: 'retention', value: 'discard' } as const;
