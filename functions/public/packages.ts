/**
 * OCDS package envelopes (release package, record package) around what the use cases return.
 * Package URIs must be absolute: PUBLIC_BASE_URL when configured (custom domain), else the host the
 * request reached, so links work on AWS and on the embedded stack alike.
 */
import { extensionsFor } from '#shared/domain/ocds/extensions';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isoWithOffset } from '#shared/domain/clock';
import type { OcdsRecord, Release } from '#shared/domain/ocds';
import { config } from '#shared/config';

/** Public and append-only: caches (CDN, browsers) may keep a page briefly; a minute of delay is acceptable. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

export function publicBase(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/$/, '');
  const scheme = event.headers['x-forwarded-proto'] ?? 'https';
  return `${scheme}://${event.requestContext.domainName}`;
}

/** "If generated on demand, the date of the last change to the contents": the newest release, else now. */
const lastChange = (releases: readonly Release[], now: Date): string =>
  releases.reduce<string | undefined>(
    (latest, r) => (latest === undefined || Date.parse(r.date) > Date.parse(latest) ? r.date : latest),
    undefined,
  ) ?? isoWithOffset(now);

function meta(uri: string, base: string, releases: readonly Release[], now: Date) {
  // Issue 13 §5: a package holding implementation releases declares the extensions they use (metrics,
  // transaction_milestones, contract_completion); a procurement-only package declares none.
  const extensions = extensionsFor(releases);
  return {
    uri,
    version: '1.1' as const,
    publishedDate: lastChange(releases, now),
    publisher: { name: config.OCDS_PUBLISHER_NAME },
    license: config.OCDS_LICENSE,
    publicationPolicy: config.OCDS_PUBLICATION_POLICY ?? `${base}/docs#public-disclosure`,
    ...(extensions.length > 0 ? { extensions } : {}),
  };
}

export function releasePackage(
  page: { releases: Release[]; cursor?: string },
  request: { base: string; path: string; since?: string; limit: number; cursor?: string; now: Date },
) {
  const url = (cursor?: string) => {
    const query = new URLSearchParams({
      ...(request.since ? { since: request.since } : {}),
      limit: String(request.limit),
      ...(cursor ? { cursor } : {}),
    });
    return `${request.base}${request.path}?${query.toString()}`;
  };
  return {
    ...meta(url(request.cursor), request.base, page.releases, request.now),
    releases: page.releases,
    ...(page.cursor ? { links: { next: url(page.cursor) }, cursor: page.cursor } : {}),
  };
}

export function recordPackage(record: OcdsRecord, request: { base: string; path: string; now: Date }) {
  return {
    ...meta(`${request.base}${request.path}`, request.base, record.releases, request.now),
    records: [record],
  };
}
