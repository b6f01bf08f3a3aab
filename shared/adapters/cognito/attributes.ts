/**
 * What links a user to its contractor, in both directories (Cognito and the embedded stack's file), with no
 * import behind it: `npm run token` and the embedded stack read these before any handler's environment is set.
 */

/** The attribute the pre-token trigger reads (functions/platform/pre-token-generation.ts TENANT_CLAIMS). */
export const CONTRACTOR_ID_ATTRIBUTE = 'custom:contractorId';
/** The role group of a contractor's users (shared/http/route-def.ts ROLES). */
export const CONTRACTOR_GROUP = 'contractor';
