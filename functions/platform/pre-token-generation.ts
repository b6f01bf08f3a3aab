/**
 * Cognito pre-token-generation trigger (event V2_0): copies the user's tenant attributes into the
 * ACCESS token, where the API's JWT authorizer and `principalFromClaims` read them. Every read and write
 * is scoped by these claims (architecture.md), so they come from admin-set attributes only: the user
 * app client cannot write `custom:*`.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { CONTRACTOR_CLAIM, PURCHASER_CLAIM } from '#shared/http/principal';

/** This module, as the stateful stack deploys it and the bench bundles it (one value, issue 9 §4). */
export const PRE_TOKEN_GENERATION_HANDLER = 'functions/platform/pre-token-generation';

/** The user pool defines `custom:<claim>` for each claim (infra/stacks/stateful-stack.ts). */
export const TENANT_CLAIMS = [PURCHASER_CLAIM, CONTRACTOR_CLAIM] as const;

export const handler = async (
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> => {
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
