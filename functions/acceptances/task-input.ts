/** What every acceptance task receives: the acceptance, by its contract and id (the ASL's Parameters). */
import * as z from '#shared/schemas/zod';

const Id = /* @__PURE__ */ (() => z.string().check(z.regex(/^[0-9A-Za-z_-]{6,40}$/)))();

export const AcceptanceRef = /* @__PURE__ */ (() => z.object({ contractId: Id, acceptanceId: Id }))();

export const RoundRef = /* @__PURE__ */ (() =>
  z.extend(AcceptanceRef, { round: z.number().check(z.int(), z.minimum(1)) }))();
