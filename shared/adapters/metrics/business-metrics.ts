/**
 * Business metrics through Powertools Metrics (issue 9 §5): each count is one CloudWatch EMF JSON line on stdout,
 * which CloudWatch Logs turns into a metric, so no request is made. Namespace `AssistanceProcurement`; Powertools
 * adds the `service` dimension from POWERTOOLS_SERVICE_NAME (set on every function by the house construct).
 * POWERTOOLS_METRICS_DISABLED=true silences it (tests).
 */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { BusinessMetric, BusinessMetricsPort } from '#shared/use-cases/ports';

export const NAMESPACE = 'AssistanceProcurement';

/** Every metric counted, for the dashboard (infra/constructs/alarms.ts): one missing here fails the type check. */
export const BUSINESS_METRICS = Object.keys({
  BidsReceived: true,
  BidsRevised: true,
  ContractsSigned: true,
} satisfies Record<BusinessMetric, true>) as BusinessMetric[];

let metrics: Promise<Metrics> | undefined;

// Imported and built at the first count, not at init: functions that never count pay nothing at cold start.
function instance(): Promise<Metrics> {
  metrics ??= import('@aws-lambda-powertools/metrics').then(
    ({ Metrics: EmfMetrics }) => new EmfMetrics({ namespace: NAMESPACE }),
    (error: unknown) => {
      metrics = undefined;
      throw error;
    },
  );
  return metrics;
}

export const businessMetrics: BusinessMetricsPort = {
  async count(metric: BusinessMetric): Promise<void> {
    try {
      const emf = await instance();
      // Added and flushed in the same tick: concurrent invocations of the embedded stack cannot mix their counts.
      emf.addMetric(metric, 'Count', 1);
      emf.publishStoredMetrics();
    } catch (error) {
      // The change it counts has committed: a lost data point must not turn it into an error.
      process.emitWarning(`business metric ${metric} not emitted: ${String(error)}`, 'BusinessMetricWarning');
    }
  },
};
