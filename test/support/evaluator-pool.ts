/**
 * The evaluator pool for stack tests (issue 11 §1, R-PROC-3): a panel names active pool members only, so a test
 * that sets a panel first registers its evaluators, as the bureau would. Registering is a PUT keyed by the
 * evaluator's token subject: registering a member again with the same entry changes nothing (200).
 */
import { expect } from 'vitest';
import { api, token } from './stack-client';

/** Registers each sub in the evaluator pool (201 new, 200 already there). */
export async function enrolEvaluators(
  subs: readonly string[],
  expertise: readonly string[] = ['社会救助'],
): Promise<void> {
  const bureau = await token('bureau');
  await Promise.all(
    subs.map(async (sub) => {
      const registered = await api('PUT', `/v1/evaluators/${encodeURIComponent(sub)}`, {
        token: bureau,
        body: { name: `评审专家 ${sub}`, expertise },
      });
      expect(registered.status, `${sub}: ${registered.text}`).toBeLessThan(300);
    }),
  );
}
