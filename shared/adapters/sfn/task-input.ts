/**
 * Task input parsing for workflow task handlers. Invalid input is a bug in the ASL, not a transient fault:
 * it fails the state (and the state's Catch records it).
 */
import * as z from '#shared/schemas/zod';

export function parseTaskInput<T extends z.ZodMiniType>(schema: T, event: unknown): z.output<T> {
  const parsed = z.safeParse(schema, event);
  if (!parsed.success) throw new Error(`invalid task input: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
