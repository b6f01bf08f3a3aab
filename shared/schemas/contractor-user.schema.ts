/**
 * Contractor users (issue 12 §1) and the lookup of a contractor by its credit code (issue 12 §2). Strict bodies:
 * an unknown field is a 400 naming it.
 */
import { checkUnifiedSocialCreditCode } from '#shared/domain/credit-code';
import { count, createdAt, Phone } from './common.schema';
import * as z from './zod';
import { component, deferred, described } from './zod';

/**
 * A Cognito username: the pool signs in by e-mail as an alias, so the username itself may not look like an
 * e-mail address; lower case only, so no two users differ by case alone.
 */
export const Username = /* @__PURE__ */ (() =>
  described(
    z
      .string()
      .check(
        z.regex(
          /^[a-z0-9][a-z0-9._-]{2,63}$/,
          '3-64 characters: lower-case letters, digits and . _ - (starting with a letter or digit); not an e-mail address',
        ),
      ),
    "the user's sign-in name (the e-mail address signs in too)",
  ))();

export const CreateContractorUserBody = /* @__PURE__ */ (() =>
  component(
    z.strictObject({
      username: Username,
      email: described(
        z.email().check(z.maxLength(254)),
        'where the invitation with a temporary password goes; unique among users',
      ),
      name: described(z.string().check(z.trim(), z.minLength(1), z.maxLength(50)), "the user's full name"),
      phone: described(Phone, 'kept sealed; shown masked'),
    }),
    'CreateContractorUser',
  ))();

export const ContractorUser = /* @__PURE__ */ deferred(() =>
  component(
    z.object({
      contractorId: z.string(),
      username: z.string(),
      name: z.string(),
      email: described(z.string(), 'masked'),
      phone: described(z.string(), 'masked'),
      createdAt: createdAt(),
      version: count(),
    }),
    'ContractorUser',
    "A contractor's user: a login in the contractor group, linked to the contractor (issue 12 §1)",
  ),
);

/**
 * An organization's unified social credit code (GB 32100), checked before anything is looked up. A natural
 * person is not looked up by resident ID: an ID number in a URL would reach access logs and proxies.
 */
export const CreditCodeParams = /* @__PURE__ */ (() =>
  z.object({
    creditCode: described(
      z.string().check(
        z.trim(),
        z.toUpperCase(),
        z.superRefine((value, ctx) => {
          const check = checkUnifiedSocialCreditCode(value);
          if (!check.ok) {
            ctx.addIssue({
              code: 'custom',
              message: `not a unified social credit code (GB 32100): ${check.problem}; a natural person is not looked up by resident ID`,
              input: value,
            });
          }
        }),
      ),
      'unified social credit code (GB 32100-2015) of an organization',
    ),
  }))();
