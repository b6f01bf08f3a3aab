/**
 * Captures the CloudWatch EMF lines Powertools Metrics writes to stdout (issue 9 §5), so handler tests can assert
 * the business metrics a request emitted, and keeps them out of the test output.
 */
import { afterEach, beforeAll, beforeEach, vi } from 'vitest';

export interface EmfMetric {
  namespace: string;
  service: string | undefined;
  name: string;
  value: unknown;
}

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] };
  service?: string;
  [field: string]: unknown;
}

/** Call at the top of a test file: `metrics()` lists what the current test emitted. */
export function captureEmf(): { metrics(): EmfMetric[] } {
  let lines: string[] = [];
  beforeAll(() => {
    // Before the first count: the adapter builds its Metrics, which reads this, once.
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    // As the house construct sets it on every function (SERVICE_NAME in infra/constructs/house-function.ts).
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'assistance-procurement');
  });
  beforeEach(() => {
    lines = [];
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (!text.includes('"_aws"')) return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      lines.push(text);
      return true;
    });
  });
  afterEach(() => {
    vi.mocked(process.stdout.write).mockRestore();
  });
  return {
    metrics: () =>
      lines.flatMap((text) => {
        const line = JSON.parse(text) as EmfLine;
        return line._aws.CloudWatchMetrics.flatMap((group) =>
          group.Metrics.map((m) => ({
            namespace: group.Namespace,
            service: line.service,
            name: m.Name,
            value: line[m.Name],
          })),
        );
      }),
  };
}
