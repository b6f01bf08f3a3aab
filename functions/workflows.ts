/**
 * The one workflow table (architecture.md, Workflows). Each entry names its ASL file and, for every
 * `${Key}` the file uses as a task's function, the handler module behind it:
 * - CDK (infra/constructs/workflow.ts) builds one Standard state machine per entry from the same file,
 *   one house function per task, and substitutes each function's ARN for its `${Key}`;
 * - the embedded runner (infra/local/sfn-runner.ts) runs the same file and calls the same handler module
 *   in-process wherever a state invokes `${Key}`.
 * Nothing is declared twice: the ASL says what happens, this table says which code does it.
 */
import type { BucketRights, RouteName, TableRights, eventHandlers } from '#functions/routes';
import type { WorkflowName } from '#shared/adapters/sfn/env';

export type { WorkflowName };

/** A function of routes.ts (route or event handler) that drives a workflow. */
export type FunctionName = RouteName | keyof typeof eventHandlers;

export interface WorkflowTaskDef {
  /** Module exporting `handler`, relative to the repository root, without extension (as in routes.ts). */
  handler: string;
  summary: string;
  /** Least privilege, as for routes (shared/http/route-def.ts): what it touches on the table and in the bucket. */
  table?: TableRights;
  bucket?: BucketRights;
  /**
   * The task completes its own workflow's callbacks (states:SendTaskSuccess/Failure): a callback task that
   * finds its wait already over resumes itself.
   */
  respond?: boolean;
}

export interface WorkflowDef {
  /** The ASL file (JSONPath), relative to the repository root. */
  asl: string;
  summary: string;
  /** Substitution key (`${Key}` in the ASL) → the function behind it. */
  tasks: Record<string, WorkflowTaskDef>;
  /** Functions allowed to start executions (states:StartExecution, and the ARN in their environment). */
  startedBy?: readonly FunctionName[];
  /** Functions allowed to complete this workflow's callback tasks (SendTaskSuccess / SendTaskFailure). */
  callbacks?: readonly FunctionName[];
  /** Functions allowed only to end this workflow's callback tasks (SendTaskFailure): a route ending what it waits on. */
  abortedBy?: readonly FunctionName[];
}

/**
 * Substitutions any ASL may use besides its tasks. `Partition` spells service-integration ARNs
 * (`arn:${Partition}:states:::lambda:invoke.waitForTaskToken`), which differ in the China regions.
 */
export const RESERVED_SUBSTITUTIONS = ['Partition'] as const;

export const workflows = {
  /**
   * The machinery's own smoke test, deployed like any workflow so an operator can prove a stack works:
   * a Task, a Wait until a deadline, a callback, a Choice, and Retry/Catch recording a failure — each
   * mechanism the procurement workflow relies on — leaving its traces on a `workflowProbe` record.
   */
  probe: {
    asl: 'infra/workflows/probe.asl.json',
    summary: 'Workflow probe: deadline wait, callback, choice, retry and recorded failure',
    tasks: {
      RecordStart: {
        handler: 'functions/workflow-probe/record-start',
        summary: 'Workflow probe: creates the probe record',
        table: { read: ['WORKFLOWPROBE#'], put: ['WORKFLOWPROBE#'], audit: ['workflowProbe'] },
      },
      AwaitAnswer: {
        handler: 'functions/workflow-probe/await-answer',
        summary: 'Workflow probe: stores the callback token on the probe record',
        table: { read: ['WORKFLOWPROBE#'], put: ['WORKFLOWPROBE#'], audit: ['workflowProbe'] },
      },
      RecordOutcome: {
        handler: 'functions/workflow-probe/record-outcome',
        summary: 'Workflow probe: records the answer',
        table: { read: ['WORKFLOWPROBE#'], put: ['WORKFLOWPROBE#'], audit: ['workflowProbe'] },
      },
      RecordFailure: {
        handler: 'functions/workflow-probe/record-failure',
        summary: 'Workflow probe: records why the probe failed',
        table: { read: ['WORKFLOWPROBE#'], put: ['WORKFLOWPROBE#'], audit: ['workflowProbe'] },
      },
    },
  },
  /**
   * The procurement of one project (R-PROC-1, R-PROC-5), from publication to the signed contract: see the ASL
   * file's Comment. Started by the publish route; its callbacks are completed by the routes that finish what
   * it waits for (and by its own callback task when the wait was over before it parked).
   */
  procurement: {
    asl: 'infra/workflows/procurement.asl.json',
    summary: 'Procurement: notice, bidding, scoring, award, standstill and challenges, contract',
    tasks: {
      PublishNotice: {
        handler: 'functions/procurement/publish-notice',
        summary: 'Procurement: publishes the notice (approved → published)',
        table: {
          read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
          put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
          check: ['PROJECT#'],
        },
      },
      CloseBidding: {
        handler: 'functions/procurement/close-bidding',
        summary: 'Procurement: closes bidding at the deadline, or declares too few bids unsuccessful',
        table: {
          read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
          put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
          check: ['PROJECT#'],
        },
      },
      AwaitCallback: {
        handler: 'functions/procurement/await-callback',
        summary: 'Procurement: parks the callback token for scores, draws, challenges or signatures',
        table: { read: ['PROJECT#'], put: ['PROJECT#'], delete: ['PROJECT#'] },
        respond: true,
      },
      Evaluate: {
        handler: 'functions/procurement/evaluate',
        summary: 'Procurement: ranks the bids once every evaluator has scored',
        table: {
          read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
          put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
          check: ['PROJECT#'],
        },
      },
      Award: {
        handler: 'functions/procurement/award',
        summary: 'Procurement: awards the first-ranked bid and opens the standstill',
        table: {
          read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
          put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
          check: ['PROJECT#'],
        },
      },
      CheckStandstill: {
        handler: 'functions/procurement/check-standstill',
        summary: 'Procurement: after the standstill, contract, wait for challenges, or rescore',
        table: {
          read: ['BUDGET#', 'CATALOG', 'PROJECT#', 'PURCHASER#'],
          put: ['OCID#', 'PROJECT#', 'PUBLIC#'],
          check: ['PROJECT#'],
        },
      },
      DraftContract: {
        handler: 'functions/procurement/draft-contract',
        summary: 'Procurement: drafts the contract from the standard template',
        table: { read: ['PROJECT#'], put: ['CONTRACT#', 'PROJECT#'], check: ['PROJECT#'] },
      },
      RecordFailure: {
        handler: 'functions/procurement/record-failure',
        summary: 'Procurement: records a failed task on the project',
        table: { read: ['PROJECT#'], put: ['PROJECT#'] },
      },
    },
    startedBy: ['publishProject'],
    callbacks: [
      'cancelProject',
      'answerChallenge',
      'submitScores',
      'recordDraw',
      'disqualifyBid',
      'signContract',
    ],
  },
  /**
   * The acceptance of one stage of a contract (R-ACC-1..4, issue 13 §3): opinions, the panel's quorum, decision,
   * announcement, payable milestone or rectification rounds; see the ASL file's Comment and docs/acceptance.md.
   * Started by the opening route; its callbacks are completed by the opinion and signature routes (and by its own
   * callback task when the wait was over before it parked), and failed by a termination of the contract.
   */
  acceptance: {
    asl: 'infra/workflows/acceptance.asl.json',
    summary:
      "Acceptance: recipients' opinions, panel quorum, decision, announcement, payment or rectification",
    // Every task but RecordFailure reads the contract: one that ended (terminated, completed) cancels the acceptance.
    tasks: {
      Open: {
        handler: 'functions/acceptances/task-open',
        summary: 'Acceptance: records the execution on the acceptance',
        table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
      },
      AwaitCallback: {
        handler: 'functions/acceptances/task-await-callback',
        summary: "Acceptance: parks the callback token for the recipients' opinions or the panel's quorum",
        table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], delete: ['ACCEPTANCE#'] },
        respond: true,
      },
      CloseOpinions: {
        handler: 'functions/acceptances/task-close-opinions',
        summary: 'Acceptance: closes the opinions at their minimum or deadline, recording a shortfall',
        table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
      },
      Decide: {
        handler: 'functions/acceptances/task-decide',
        summary: "Acceptance: the round's decision from the rule and the panel's signatures",
        table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
      },
      Announce: {
        handler: 'functions/acceptances/task-announce',
        summary: "Acceptance: announces the round's result; a pass makes the milestone payable",
        table: {
          read: [
            'ACCEPTANCE#',
            'BUDGET#',
            'CATALOG',
            'CONTRACT#',
            'MILESTONE#',
            'OCID#',
            'PROJECT#',
            'PUBLIC#',
            'PURCHASER#',
          ],
          put: ['ACCEPTANCE#', 'MILESTONE#', 'OCID#', 'PUBLIC#'],
          audit: ['acceptance', 'milestone'],
        },
      },
      Reinspect: {
        handler: 'functions/acceptances/task-reinspect',
        summary: 'Acceptance: after the rectification deadline, the next round',
        table: { read: ['ACCEPTANCE#', 'CONTRACT#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
      },
      RecordFailure: {
        handler: 'functions/acceptances/task-record-failure',
        summary: 'Acceptance: records a failed task on the acceptance',
        table: { read: ['ACCEPTANCE#'], put: ['ACCEPTANCE#'], audit: ['acceptance'] },
      },
    },
    startedBy: ['openAcceptance'],
    callbacks: ['submitOpinion', 'signAcceptance'],
    // A termination fails the parked tokens of the contract's acceptances (AcceptanceCancelled); it never passes one.
    abortedBy: ['terminateContract'],
  },
} as const satisfies Record<WorkflowName, WorkflowDef>;
