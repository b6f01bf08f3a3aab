/**
 * Issue 11 §5 (R-SUP-2): the daily digest of audit chain heads. Invoked by EventBridge Scheduler every day at 00:30
 * Asia/Shanghai (infra/constructs/audit-archive.ts) and by the local scheduler on the embedded stack
 * (infra/local/audit-stream.ts); it signs the previous business day, or `{ "date": "YYYY-MM-DD" }` when given (an
 * operator's replay of a missed day). The only function whose role may call kms:Sign on the digest key.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { clock } from '#shared/adapters/store';
import { getDigest, headsOfDay, putDigest } from '#shared/adapters/dynamodb/audit-heads';
import { digestSigner } from '#shared/adapters/kms/signer';
import { archiveKeys, archiveObject } from '#shared/adapters/s3/audit-archive';
import { logger } from '#shared/http/logger';
import { previousBusinessDate, signDailyDigest, type DigestDeps } from '#shared/use-cases/audit';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const deps: DigestDeps = {
  clock,
  signer: digestSigner(),
  headsOfDay,
  getDigest,
  putDigest,
  archive: (kind, name, body) =>
    kind === 'digest'
      ? archiveObject(archiveKeys.digest(name), body)
      : archiveObject(archiveKeys.publicKey(name), body, 'application/x-pem-file'),
};

async function sign(event: { date?: unknown } | null | undefined) {
  const requested = event?.date;
  if (requested !== undefined && (typeof requested !== 'string' || !DATE.test(requested))) {
    throw new Error('sign-digest: "date" must be YYYY-MM-DD');
  }
  const date = requested ?? previousBusinessDate(clock.now());
  const digest = await signDailyDigest(deps, date);
  logger.info('audit digest', {
    date,
    heads: digest.digest.heads.length,
    created: digest.created,
    keyId: digest.keyId,
  });
  return { date, heads: digest.digest.heads.length, created: digest.created };
}

export const handler = middy(sign).use(injectLambdaContext(logger));
