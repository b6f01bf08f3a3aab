/** The public routes of the route table (functions/routes.ts); each handler imports only its own entry. */
import type { RouteDef } from '#shared/http/route-def';
import { PageQuery } from '#shared/schemas/common.schema';
import {
  AnnouncementList,
  OcidParams,
  RecordPackage,
  ReleasePackage,
  ReleasesQuery,
} from '#shared/schemas/disclosure.schema';

export const listAnnouncementsRoute = {
  method: 'GET',
  path: '/v1/public/announcements',
  handler: 'functions/public/list-announcements',
  summary: 'Public procurement announcements, newest first (R-SUP-3, R-PROC-5)',
  auth: 'public',
  table: { read: ['PUBLIC#'] },
  request: { query: PageQuery },
  response: { status: 200, body: AnnouncementList },
} as const satisfies RouteDef;
export const listOcdsReleasesRoute = {
  method: 'GET',
  path: '/v1/public/ocds/releases',
  handler: 'functions/public/list-ocds-releases',
  summary: 'OCDS 1.1.5 release package of the releases since an instant, oldest first (R-SUP-3)',
  auth: 'public',
  table: { read: ['PUBLIC#'] },
  request: { query: ReleasesQuery },
  // 404: no release at or after `since` (none yet, or nothing new): OCDS has no valid empty package (issue 10 §1).
  response: { status: 200, body: ReleasePackage, errors: [404] },
} as const satisfies RouteDef;
export const getOcdsRecordRoute = {
  method: 'GET',
  path: '/v1/public/ocds/records/{ocid}',
  handler: 'functions/public/get-ocds-record',
  summary: 'OCDS 1.1.5 record package: one contracting process compiled from its releases (R-SUP-3)',
  auth: 'public',
  table: { read: ['OCID#'] },
  request: { params: OcidParams },
  response: { status: 200, body: RecordPackage },
} as const satisfies RouteDef;
