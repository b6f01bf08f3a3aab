/**
 * Delegations to partner portals (issue 12 §1, shared/domain/delegation.ts; docs/delegations.md). Request bodies are
 * strict: an unknown field is a 400 naming it (issue 12 §3).
 */
import { DELEGATION_SCOPES } from '#shared/domain/delegation';
import { ActorView, count, createdAt, instant, RecordId, updatedAt } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

const trimmed = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

/**
 * A portal's machine client as its tokens name it (`sub`, the app client id on Cognito: 26 word characters; the
 * embedded stack's dev portals also use `.`, `:` and `-`). It starts with a letter, digit or `_`, so as a path
 * segment it is never `.` or `..`.
 */
const PortalId = /* @__PURE__ */ (() =>
  described(
    z.string().check(z.regex(/^[0-9A-Za-z_][\w.:-]{0,127}$/, "a portal client's token sub")),
    "the portal's machine client: its access token's sub (the app client id)",
  ))();

export const DelegationParams = /* @__PURE__ */ (() => z.object({ id: RecordId, portalId: PortalId }))();

const Scope = /* @__PURE__ */ (() => z.enum(DELEGATION_SCOPES))();

export const GrantDelegationBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      scopes: described(
        z.array(Scope).check(z.minLength(1), z.maxLength(DELEGATION_SCOPES.length)),
        "what the portal may do as the contractor, each once: documents (evidence, eligibility, the contractor's profile), bids (bids, bid documents, challenges), contracts (read and sign), deliveries. Only the contractor's own user grants bids and contracts; the bureau grants documents and deliveries",
      ),
      validUntil: instant(
        'when the delegation lapses: after now, at most one year ahead (ISO 8601 with offset)',
      ),
      consentReference: z.optional(
        described(
          trimmed(1, 200),
          "required when the bureau grants: the reference of the contractor's written consent (e.g. the letter's number)",
        ),
      ),
    }),
    'GrantDelegation',
    "Grants a partner portal the right to act for the contractor (header On-Behalf-Of) on the routes of these scopes, until validUntil. If-None-Match: * creates it, If-Match with the ETag read replaces it (also after a revocation: a new grant). By the contractor's own user, or by the bureau on the contractor's written consent",
  ))();

export const RevokeDelegationBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({ reason: z.optional(trimmed(1, 500)) }),
    'RevokeDelegation',
    'Revokes the delegation from now on, dated; it is never deleted, and a new grant (PUT with If-Match) replaces it',
  ))();

export const Delegation = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractorId: z.string(),
      portalId: z.string(),
      scopes: z.array(Scope),
      validUntil: instant('when the delegation lapses: the portal acts for the contractor until then'),
      status: described(
        z.enum(['active', 'expired', 'revoked']),
        'active until validUntil unless revoked; a portal acts for the contractor only while active',
      ),
      consentReference: z.optional(z.string()),
      grantedBy: ActorView(),
      grantedAt: instant('when the delegation was last granted'),
      revoked: z.optional(
        z.object({
          by: ActorView(),
          at: instant('when the delegation was revoked'),
          reason: z.optional(z.string()),
        }),
      ),
      version: count(),
      createdAt: createdAt(),
      updatedAt: updatedAt(),
    }),
    'Delegation',
    'A contractor’s delegation to a partner portal (issue 12 §1)',
  ),
);

export const DelegationList = /* @__PURE__ */ deferred(() =>
  z.object({ items: z.array(Delegation()), cursor: z.optional(z.string()) }),
);
