/**
 * Public disclosure (R-SUP-3, R-PROC-5) in the Open Contracting Data Standard 1.1.5: which releases and
 * announcements a project's transition publishes, what they hold, and how the releases of one contracting
 * process compile into a record. Pure: the use case loads the project, its budget line and purchaser, and
 * commits what this returns in the same transaction as the transition.
 *
 * The public entry of shared/domain/ocds/: `types.ts` (the OCDS shapes), `core.ts` (ocid, ids, money, the base
 * release, suppliers), one file per release kind declaring its `Publication`, `disclosure.ts` (which transition
 * publishes which kind), `implementation.ts` (a contract's acceptances, payments and end: issue 13 §5, R-ACC-4), `extensions.ts` and
 * `record.ts` (compiling a record).
 *
 * Personal data never appears (R-SUP-3 is about procurement, not people): the parties are the purchaser, a
 * government body, and the supplier of an award. Not published: invited contractors (a natural person may be
 * one, R-QUAL-1), the clerk's free-text cancellation note (it may name a service recipient), actors' user ids,
 * challenge grounds, the people who held or witnessed a draw. A natural-person supplier appears as
 * "自然人供应商" under an id made from its bid, never its name, contractor id or identity number.
 */
export type * from './ocds/types';
export { ANNOUNCEMENT_KINDS } from './ocds/types';
export type { AnnouncementTexts, DisclosureContext, Publication } from './ocds/core';
export {
  CATALOG_SCHEME,
  announcementOf,
  NATURAL_PERSON_SUPPLIER,
  OCDS_METHOD,
  awardCriteriaDetails,
  awardIdFor,
  awardIn,
  fenToYuan,
  ocidFor,
  publicName,
  releaseIdFor,
  supplierOf,
} from './ocds/core';
export { planningRelease } from './ocds/planning';
export { tenderRelease } from './ocds/tender';
export { UNSUCCESSFUL_REASON_LABEL, unsuccessfulRelease } from './ocds/unsuccessful';
export { awardRelease, publicTieBreakStatements } from './ocds/award';
export { awardWithdrawalRelease } from './ocds/award-withdrawal';
export { contractRelease } from './ocds/contract';
export { CANCELLATION_REASON_LABEL, tenderCancellationRelease } from './ocds/cancellation';
export {
  ON_CANCEL,
  ON_CHALLENGE_ANSWER,
  ON_CONTRACT,
  PUBLICATIONS,
  disclosureFor,
  disclosureIn,
  publicationFor,
  publicationIn,
} from './ocds/disclosure';
export { compileRecord } from './ocds/record';
export type { AcceptanceOutcome, ContractTerms, PaidMilestone, PaymentParties } from './ocds/implementation';
export { OCDS_EXTENSIONS, extensionsFor } from './ocds/extensions';
export {
  acceptanceAnnouncement,
  acceptanceMilestoneId,
  acceptanceRelease,
  agreedMetrics,
  checkPaymentDisclosure,
  implementationReleaseIds,
  paymentMilestoneId,
  paymentRelease,
  terminationAnnouncement,
  terminationRelease,
} from './ocds/implementation';
