/**
 * Public disclosure (R-SUP-3, R-PROC-5). The OCDS bodies are described loosely here on purpose: their
 * contract is the official OCDS 1.1.5 schema (release-package / record-package), which the tests validate
 * every response against; restating it in zod would be a second, drifting copy.
 */
import { ANNOUNCEMENT_KINDS } from '#shared/domain/ocds';
import { instant, PageQuery } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const Bilingual = /* @__PURE__ */ deferred(() => z.object({ zh: z.string(), en: z.string() }));

export const Announcement = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      id: z.string(),
      kind: described(
        z.enum(ANNOUNCEMENT_KINDS),
        '采购意向 / 采购公告 / 废标公告 / 中标（成交）结果公告 / 撤销中标（成交）结果公告 / 合同公告 / 终止公告 / 验收结果公告 / 合同终止公告',
      ),
      projectId: z.string(),
      ocid: z.string(),
      releaseId: described(z.string(), 'the OCDS release this announces, in the record at links.record'),
      purchaser: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }),
      title: Bilingual(),
      summary: Bilingual(),
      statements: z.optional(
        described(
          z.array(z.string()),
          'award_result: how ties in the ranking were broken (R-QUAL-4, R-PROC-3, R-PROC-5); acceptance_result: each indicator against its target (R-ACC-4); Chinese then English',
        ),
      ),
      publishedAt: instant('when the announcement was published'),
      links: z.object({ record: described(z.string(), 'path of the OCDS record package of this process') }),
    }),
    'Announcement',
    'A public procurement announcement (R-SUP-3)',
  ),
);

export const AnnouncementList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Announcement()), cursor: z.optional(z.string()) }),
);

export const ReleasesQuery = /* @__PURE__ */ (() =>
  z.strictObject({
    ...PageQuery.shape,
    since: z.optional(instant('only releases dated at or after this instant (ISO 8601 with offset)')),
  }))();

const OcdsObject = /* @__PURE__ */ deferred(() => z.record(z.string(), z.unknown()));

/** Built with each package (response-only, like them): a factory, so nothing is built at init. */
const packageMeta = () => ({
  uri: z.string(),
  version: z.literal('1.1'),
  publishedDate: instant('when this package was published (OCDS publishedDate)'),
  publisher: z.object({ name: z.string() }),
  license: z.string(),
  publicationPolicy: z.string(),
  extensions: z.optional(
    described(
      z.array(z.string()),
      'the OCDS extensions the releases use (metrics, transaction_milestones, contract_completion), once a contract is implemented',
    ),
  ),
});

export const ReleasePackage = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      ...packageMeta(),
      releases: described(
        z.array(OcdsObject()).check(z.minLength(1)),
        'OCDS 1.1.5 releases, oldest first; never empty: with no release at or after `since` the answer is 404',
      ),
      links: z.optional(
        described(z.object({ next: z.string() }), 'only when another release follows: never an empty page'),
      ),
      cursor: z.optional(
        described(z.string(), 'opaque, bound to this query; pass as `cursor` for the next page'),
      ),
    }),
    'ReleasePackage',
    'OCDS 1.1.5 release package (https://standard.open-contracting.org/1.1/en/schema/release_package/)',
  ),
);

export const RecordPackage = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      ...packageMeta(),
      records: described(z.array(OcdsObject()), 'one OCDS record: its releases and compiledRelease'),
    }),
    'RecordPackage',
    'OCDS 1.1.5 record package (https://standard.open-contracting.org/1.1/en/schema/record_package/)',
  ),
);

export const OcidParams = /* @__PURE__ */ (() =>
  z.object({
    ocid: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{5,99}$/, 'not an ocid')),
  }))();
