/** The deployed wiring with cdk.json's feature flags, shared by the infra tests; bundling skipped (no esbuild). */
import { readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { HouseFunction } from '#infra/constructs/house-function';
import { addAssistanceStacks } from '#infra/stacks/assistance';
import type { RoutesStack } from '#infra/stacks/routes-stack';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context?: Record<string, unknown>;
};

export function buildDeployment(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  const stacks = addAssistanceStacks(app);
  const routeStacks = Object.values(stacks.routeStacks);
  const all: Stack[] = [stacks.stateful, stacks.api, stacks.operations, ...routeStacks, stacks.stage];
  const templates = new Map<Stack, Template>();
  /** Template.fromStack synthesizes; one per stack is enough. */
  const templateOf = (stack: Stack) => {
    let template = templates.get(stack);
    if (!template) templates.set(stack, (template = Template.fromStack(stack)));
    return template;
  };
  /** A route's or event handler's function and the routes stack it landed in. */
  const functionOf = (name: string): { stack: RoutesStack; fn: HouseFunction } => {
    for (const stack of routeStacks) {
      const fn = stack.functions[name];
      if (fn) return { stack, fn };
    }
    throw new Error(`no function ${name} in any routes stack`);
  };
  const workflowStackOf = (name: string): RoutesStack => {
    const stack = routeStacks.find((candidate) => candidate.workflows[name]);
    if (!stack) throw new Error(`no workflow ${name} in any routes stack`);
    return stack;
  };
  return { app, ...stacks, all, templateOf, functionOf, workflowStackOf };
}

export const logicalId = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

/** `{ 'Fn::ImportValue': … }` of the export `producer` makes for `Ref` of `construct`, as a consumer sees it. */
export function importOf(producer: Template, ref: string): { 'Fn::ImportValue': string } {
  const outputs = Object.values(producer.findOutputs('*', { Value: { Ref: ref } })) as {
    Export?: { Name: string };
  }[];
  const name = outputs.find((output) => output.Export)?.Export?.Name;
  if (!name) throw new Error(`no export of ${ref}`);
  return { 'Fn::ImportValue': name };
}
