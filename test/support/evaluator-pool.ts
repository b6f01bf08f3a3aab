/**
 * The evaluator pool for stack tests (issue 11 §1, R-PROC-3): a panel names active pool members only, so a test
 * that sets a panel first registers its evaluators, as the bureau would. Registering is a PUT keyed by the
 * evaluator's token subject that creates the entry only with `If-None-Match: *` (issue 12 §3): 412 when it exists.
 */
import { expect } from 'vitest';
import { api, token } from './stack-client';

/**
 * Registers each sub in the evaluator pool: 201 new, or 412 when it is there already (stack files running at once
 * enrol the same fixed subs, with the same name and expertise).
 */
export async function enrolEvaluators(
  subs: readonly string[],
  expertise: readonly string[] = ['社会救助'],
): Promise<void> {
  const bureau = await token('bureau');
  await Promise.all(
    subs.map(async (sub) => {
      const registered = await api('PUT', `/v1/evaluators/${encodeURIComponent(sub)}`, {
        token: bureau,
        headers: { 'if-none-match': '*' },
        body: { name: `评审专家 ${sub}`, expertise },
      });
      expect([201, 412], `${sub}: ${registered.text}`).toContain(registered.status);
    }),
  );
}
