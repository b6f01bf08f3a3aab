/**
 * The acceptance workflow on AWS (issue 13 §3, CDK assertions): one Standard state machine built from
 * infra/workflows/acceptance.asl.json in the Acceptance routes stack, beside its task functions; the opening route
 * may start it (and only it), the opinion and signature routes may answer (the terminate route only fail) its callbacks (and no other workflow's),
 * and the callback task answers its own. test/infra/workflow.test.ts holds the house rules every workflow keeps.
 */
import { readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { workflows } from '#functions/workflows';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import type { HouseFunction } from '#infra/constructs/house-function';
import { addAssistanceStacks } from '#infra/stacks/assistance';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context?: Record<string, unknown>;
};
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const { routeStacks } = addAssistanceStacks(app);
const logicalId = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

const [stackName, stack] = Object.entries(routeStacks).find(([, s]) => s.workflows.acceptance) ?? [];
const template = stack ? Template.fromStack(stack) : undefined;

/** The `states:` statements of a function's role. */
function statesStatements(fn: HouseFunction) {
  const roleId = logicalId(fn.role!);
  return Object.values(
    template!.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  )
    .flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[],
    )
    .filter((statement) => [statement.Action].flat().some((a) => String(a).startsWith('states:')));
}

describe('the acceptance workflow on AWS', () => {
  it('is built in the Acceptance routes stack, with the acceptances and payments functions', () => {
    expect(stackName).toBe('Acceptance');
    expect(stack?.functions.openAcceptance).toBeDefined();
  });

  it('is one Standard state machine whose definition substitutes its seven task functions', () => {
    const workflow = stack!.workflows.acceptance!;
    const machine = template!.findResources('AWS::StepFunctions::StateMachine')[
      logicalId(workflow.stateMachine)
    ];
    expect(machine?.Properties.StateMachineType).toBe('STANDARD');
    expect(Object.keys(machine?.Properties.DefinitionSubstitutions).sort()).toEqual(
      ['Partition', ...Object.keys(workflows.acceptance.tasks)].sort(),
    );
    expect(Object.keys(workflows.acceptance.tasks)).toHaveLength(7);
  });

  it('the opening route starts it and knows its ARN; no other route of the stack starts it', () => {
    const workflow = stack!.workflows.acceptance!;
    const arn = { Ref: logicalId(workflow.stateMachine) };
    const env = (name: string) =>
      template!.findResources('AWS::Lambda::Function')[logicalId(stack!.functions[name]!)]?.Properties
        .Environment.Variables as Record<string, unknown>;
    expect(env('openAcceptance')[stateMachineArnEnv('acceptance')]).toEqual(arn);
    expect(statesStatements(stack!.functions.openAcceptance!)).toEqual([
      { Action: 'states:StartExecution', Effect: 'Allow', Resource: arn },
    ]);
    for (const name of ['getAcceptance', 'lookupInvitation', 'recordMeasurements']) {
      expect(statesStatements(stack!.functions[name]!), name).toEqual([]);
    }
  });

  it.each(['submitOpinion', 'signAcceptance'])(
    '%s answers the callbacks of this state machine only',
    (name) => {
      const statements = statesStatements(stack!.functions[name]!);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        Action: ['states:SendTaskFailure', 'states:SendTaskSuccess'],
        Effect: 'Allow',
      });
      expect(statements[0]?.Resource).toEqual({ Ref: logicalId(stack!.workflows.acceptance!.stateMachine) });
    },
  );

  it('terminateContract may only fail the callbacks of this state machine (it ends acceptances, never passes one)', () => {
    const statements = statesStatements(stack!.functions.terminateContract!);
    expect(statements).toEqual([
      {
        Action: 'states:SendTaskFailure',
        Effect: 'Allow',
        Resource: { Ref: logicalId(stack!.workflows.acceptance!.stateMachine) },
      },
    ]);
  });
});
