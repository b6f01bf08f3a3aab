/**
 * cdk-nag v3 acknowledges one finding by its exact id, e.g. `AwsSolutions-IAM5[Resource::<Table.Arn>/index/*]`,
 * and the id embeds the resource as it reads in the synthesized template. These helpers make that id
 * from the same value that goes into the policy, so an acknowledgment can never drift from its grant.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * `value`, an attribute of `owner`, as `consumer` will see it: itself in the same stack, its
 * `Fn::ImportValue` in another. `Stack.exportValue` creates the very export the CDK would create for an
 * automatic cross-stack reference, so nothing is exported twice.
 */
export function referenceFrom(consumer: IConstruct, owner: IConstruct, value: string): string {
  const producer = Stack.of(owner);
  return producer === Stack.of(consumer) ? value : producer.exportValue(value);
}

/** Acknowledge AwsSolutions-IAM5 for exactly one wildcard resource of `scope`'s policies. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const rendered = flatten(Stack.of(scope).resolve(resource));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${rendered}]`, reason });
}

type Intrinsic = Record<string, unknown>;
const has = (node: unknown, key: string): node is Intrinsic =>
  typeof node === 'object' && node !== null && key in node;

/** cdk-nag's own rendering of a CloudFormation value (its `flattenCfnReference`, which it does not export). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (has(node, 'Fn::Join')) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (has(node, 'Fn::Sub')) return flatten(node['Fn::Sub']);
  if (has(node, 'Fn::GetAtt')) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (has(node, 'Fn::ImportValue')) return flatten(node['Fn::ImportValue']);
  if (has(node, 'Ref')) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(node);
}
