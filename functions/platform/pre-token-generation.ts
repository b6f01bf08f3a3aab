/**
 * Cognito pre-token-generation trigger (event V2_0): copies the user's tenant attributes into the
 * ACCESS token, where the API's JWT authorizer and `principalFromClaims` read them. Every read and write
 * is scoped by these claims (architecture.md), so they come from admin-set attributes only: the user
 * app client cannot write `custom:*`.
 *
 * A user in more than one role group gets no token at all (issue 11 §2): Cognito lists groups by precedence and
 * the API must never pick one of them. `principalFromClaims` refuses such a token too (403), so the embedded
 * stack, which has no Cognito, refuses it the same way.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { CONTRACTOR_CLAIM, PURCHASER_CLAIM } from '#shared/http/principal';
import { roleGroups } from '#shared/http/route-def';

/** This module, as the stateful stack deploys it and the bench bundles it (one value, issue 9 §4). */
export const PRE_TOKEN_GENERATION_HANDLER = 'functions/platform/pre-token-generation';

/** The user pool defines `custom:<claim>` for each claim (infra/stacks/stateful-stack.ts). */
export const TENANT_CLAIMS = [PURCHASER_CLAIM, CONTRACTOR_CLAIM] as const;

/** Thrown to Cognito, which then refuses the sign-in or refresh with this message. */
export class AmbiguousRoleError extends Error {
  override readonly name = 'AmbiguousRoleError';
}

export const handler = async (
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> => {
  const groups = roleGroups(event.request.groupConfiguration.groupsToOverride ?? []);
  if (groups.length > 1) {
    throw new AmbiguousRoleError(
      `the user is in more than one role group (${groups.sort().join(', ')}); an administrator must leave exactly one`,
    );
  }
  const attributes = event.request.userAttributes;
  const claims: Record<string, string> = {};
  for (const claim of TENANT_CLAIMS) {
    const value = attributes[`custom:${claim}`];
    if (value) claims[claim] = value;
  }
  event.response = {
    claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: claims } },
  };
  return event;
};
