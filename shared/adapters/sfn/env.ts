/**
 * Where a function finds a workflow's state machine: one environment variable per workflow, set by the
 * CDK binding (infra/constructs/workflow.ts) on AWS and by the embedded stack locally.
 */

/**
 * The workflows a function may start or answer: the keys of the workflow table (functions/workflows.ts), which
 * must list exactly these. Named here because shared/ never imports functions/ (issue 9 §2).
 */
export const WORKFLOW_NAMES = ['probe', 'procurement', 'acceptance'] as const;
export type WorkflowName = (typeof WORKFLOW_NAMES)[number];

/** `probe` → `PROBE_STATE_MACHINE_ARN`, `procurementAward` → `PROCUREMENT_AWARD_STATE_MACHINE_ARN`. */
export function stateMachineArnEnv(workflow: string): string {
  const snake = workflow
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
  return `${snake}_STATE_MACHINE_ARN`;
}
