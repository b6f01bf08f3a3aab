/**
 * A route's summary is its function's description on AWS (infra/stacks/routes-stack.ts), which Lambda limits to 256
 * characters: a longer one fails the synth. Held here, where it fails in a second instead of at `cdk synth`.
 */
import { describe, expect, it } from 'vitest';
import { eventHandlers, routes } from '#functions/routes';
import { workflows } from '#functions/workflows';

const LAMBDA_DESCRIPTION_LIMIT = 256;

describe('route and task summaries fit a Lambda description', () => {
  const summaries = [
    ...Object.entries(routes).map(([name, r]) => [name, r.summary] as const),
    ...Object.entries(eventHandlers).map(([name, h]) => [name, h.summary] as const),
    ...Object.entries(workflows).flatMap(([workflow, w]) =>
      Object.entries(w.tasks).map(([task, t]) => [`${workflow}.${task}`, t.summary] as const),
    ),
  ];

  it.each(summaries)('%s', (_name, summary) => {
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(LAMBDA_DESCRIPTION_LIMIT);
  });
});
