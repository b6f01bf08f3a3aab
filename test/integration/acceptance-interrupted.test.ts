/**
 * Issue 13 §3, R-ACC-3: an acceptance whose workflow failed beyond its retries does not block its milestone for
 * ever. On the embedded runner, under a workflow name of this file's own: the Open task fails with a transient error
 * every time (its retries spent), the ASL's Catch runs the real RecordFailure, which moves the acceptance to
 * `interrupted` with the failure; the milestone is then opened again over HTTP (201, round 1), where an acceptance
 * still under way answered 409.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows';
import { keys } from '#shared/adapters/dynamodb/keys';
import { store } from '#shared/adapters/store';
import { TransientTaskError } from '#shared/adapters/sfn/task-errors';
import type { Acceptance } from '#shared/domain/acceptance';
import { isoWithOffset } from '#shared/domain/clock';
import { newId } from '#shared/domain/ids';
import { acceptanceChange } from '#shared/use-cases/acceptances';
import { moduleHandlerLoader } from '#infra/local/handlers';
import { localArns } from '#infra/local/sfn-api';
import { startWorkflowRunner, type WorkflowRunner } from '#infra/local/sfn-runner';
import { currentTerm, openableToday, signedContract } from '../support/delivery';
import { unique } from '../support/procurement';
import { api, stackInfo, token, waitFor } from '../support/stack-client';

let runner: WorkflowRunner | undefined;
afterAll(async () => {
  await runner?.stop();
});

describe('an interrupted acceptance (R-ACC-3)', () => {
  it(
    'a task failing beyond its retries leaves the acceptance interrupted, and the milestone opens again',
    { timeout: 120_000 },
    async () => {
      const signed = await signedContract({
        purchaser: 'pur-town-1',
        term: currentTerm(),
        acceptancePlan: openableToday(
          { sampleSize: 1, minimumOpinions: 1, satisfiedShareBp: 8_000, answerDays: 14 },
          1,
        ),
      });
      const { contract, contractId } = signed;
      const milestoneSeq = contract.acceptancePlan.stages[0]!.milestoneSeq;
      const clerk = { sub: `interrupted-clerk-${unique()}`, purchaserId: 'pur-town-1' };
      const clerkToken = await token('town', clerk);
      const actor = { sub: clerk.sub, role: 'town' };

      // A recipient the delivery records served, and the acceptance as the route opens it (its milestone's marker).
      const at = isoWithOffset(new Date());
      const acceptance: Acceptance = {
        id: newId('acc'),
        contractId,
        purchaserId: contract.purchaserId,
        contractorId: contract.contractorId,
        milestoneSeq,
        status: 'collecting_opinions',
        round: 1,
        panel: [{ sub: clerk.sub, role: 'town' }],
        quorum: 1,
        plan: {
          indicators: contract.acceptancePlan.indicators,
          recipients: contract.acceptancePlan.recipients,
          rectification: contract.acceptancePlan.rectification,
          paymentTermDays: contract.acceptancePlan.paymentTermDays,
        },
        sample: { population: 1, size: 1, seed: '0'.repeat(64) },
        invitations: [{ invitationId: newId('inv'), village: 'v-1', reference: 'ref-interrupted' }],
        answerBy: isoWithOffset(new Date(Date.now() + 3_600_000)),
        rounds: [],
        workflow: { waitingFor: 'opinions' },
        openedBy: actor,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      const marker = {
        PK: keys.acceptancePartition(contractId),
        SK: `OPEN#m${String(milestoneSeq).padStart(2, '0')}`,
        recordType: 'acceptance-open',
        acceptanceId: acceptance.id,
      };
      const recipient = {
        ...keys.deliveryRecipient(contractId, 'ref-interrupted'),
        recordType: 'recipient',
        ref: 'ref-interrupted',
        villageId: 'v-1',
      };
      await store.commit(
        [acceptanceChange(acceptance, 'acceptance.opened', actor)],
        [marker, recipient].map((Item) => ({
          item: { Put: { TableName: stackInfo().tableName, Item } },
          onConditionFailed: () => new Error('fixture write refused'),
        })),
      );

      const open = () =>
        api<{ id: string; round: number; status: string; rule?: string }>(
          'POST',
          `/v1/contracts/${contractId}/acceptances`,
          { token: clerkToken, body: { milestoneSeq, panel: [{ sub: clerk.sub, role: 'town' }] } },
        );
      // Under way: the milestone has its acceptance.
      const refused = await open();
      expect(refused.status, refused.text).toBe(409);

      // The workflow: the real tasks, but Open fails transiently every time (its retries spent → RecordFailure).
      const real = moduleHandlerLoader();
      const openHandler = workflows.acceptance.tasks.Open.handler;
      let openCalls = 0;
      const workflow = `acceptance${randomUUID().slice(0, 8)}`;
      runner = await startWorkflowRunner({
        workflows: { [workflow]: workflows.acceptance },
        dynamoEndpoint: stackInfo().dynamoEndpoint,
        tableName: stackInfo().tableName,
        loadHandler: async (modulePath) =>
          modulePath === openHandler
            ? async () => {
                openCalls++;
                throw new TransientTaskError('the table is throttled');
              }
            : real(modulePath),
        log: () => undefined,
        retryIntervalMs: 10,
      });
      const { executionArn } = await runner.startExecution({
        stateMachineArn: localArns.stateMachine(workflow),
        name: acceptance.id,
        input: JSON.stringify({ contractId, acceptanceId: acceptance.id }),
      });
      const interrupted = await waitFor(
        async () => {
          const stored = await store.get<Acceptance>(keys.acceptance(contractId, acceptance.id));
          return stored?.value.status === 'interrupted' ? stored.value : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 100 },
      );
      expect(openCalls).toBeGreaterThan(1);
      expect(interrupted.workflow).toMatchObject({ executionArn, failure: { error: 'TransientTaskError' } });
      expect(interrupted.workflow.waitingFor).toBeUndefined();

      const reopened = await open();
      expect(reopened.status, reopened.text).toBe(201);
      expect(reopened.json).toMatchObject({ round: 1, status: 'collecting_opinions' });
      expect(reopened.json.id).not.toBe(acceptance.id);
    },
  );
});
