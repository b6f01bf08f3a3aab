/**
 * Issue 11 §2, least privilege declared once: every synthesized policy of every function (route, event handler,
 * workflow task) holds exactly what its table entry declares (shared/http/route-def.ts), on the partitions it
 * declares, and nothing a public caller could use to read what is not public.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Stack } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  eventHandlers,
  routes,
  tableRightsOf,
  type BucketRights,
  type RightsHolder,
  type TableRights,
} from '#functions/routes';
import { workflows } from '#functions/workflows';
import type { RouteDef } from '#functions/routes';
import { PORTAL_SCOPE } from '#shared/http/principal';
import { USER_TOKEN_SCOPES } from '#shared/http/route-scopes';
import { INDEX_NAME, TABLE_ACTIONS, leadingKeyPattern } from '#infra/constructs/bind';
import { buildDeployment, logicalId } from './deployment';

const deployment = buildDeployment();
const { templateOf, functionOf, workflowStackOf } = deployment;
// Synthesized while the file is collected, as routes-stacks.test.ts does: not inside the first test's timeout.
for (const stack of deployment.all) templateOf(stack);

interface Statement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, string | string[]>>;
}

interface Subject {
  name: string;
  def: RightsHolder;
  fn: LambdaFunction;
  isPublic: boolean;
}

const subjects: Subject[] = [
  ...Object.entries(routes).map(([name, def]) => ({
    name,
    def: def as RightsHolder,
    fn: functionOf(name).fn,
    isPublic: def.auth === 'public',
  })),
  ...Object.entries(eventHandlers).map(([name, def]) => ({
    name,
    def: def as RightsHolder,
    fn: functionOf(name).fn,
    isPublic: false,
  })),
  ...Object.entries(workflows).flatMap(([workflow, def]) =>
    Object.entries(def.tasks).map(([task, taskDef]) => {
      const fn = workflowStackOf(workflow).workflows[workflow]?.functions[task];
      if (!fn) throw new Error(`no function for ${workflow}.${task}`);
      return { name: `${workflow}.${task}`, def: taskDef as RightsHolder, fn, isPublic: false };
    }),
  ),
];

/** The Allow statements of every policy attached to the function's role (the Deny guards are not grants). */
function allowStatements(fn: LambdaFunction): Statement[] {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  const template: Template = templateOf(Stack.of(fn));
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: Match.arrayWith([{ Ref: logicalId(fn.role) }]) },
  });
  return Object.values(policies)
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const leadingKeysOf = (statement: Statement): string[] | undefined => {
  const patterns = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  return patterns === undefined ? undefined : [patterns].flat();
};
const rendered = (resource: unknown) => JSON.stringify(resource);
const onIndex = (statement: Statement) =>
  [statement.Resource].flat().some((r) => rendered(r).includes('/index/'));

/** Granted (action on table|index) → LeadingKeys patterns, read from the synthesized statements. */
function dynamoGrants(statements: Statement[]): Map<string, Set<string>> {
  const grants = new Map<string, Set<string>>();
  for (const statement of statements) {
    for (const action of actionsOf(statement).filter((a) => a.startsWith('dynamodb:'))) {
      const key = `${action} on ${onIndex(statement) ? 'index' : 'table'}`;
      const patterns = grants.get(key) ?? new Set<string>();
      for (const pattern of leadingKeysOf(statement) ?? ['<no condition: every partition>'])
        patterns.add(pattern);
      grants.set(key, patterns);
    }
  }
  return grants;
}

/** What the declaration says the same map must be. */
function declaredDynamoGrants(rights: TableRights | undefined): Map<string, Set<string>> {
  const grants = new Map<string, Set<string>>();
  for (const [right, actions] of Object.entries(TABLE_ACTIONS) as [
    keyof typeof TABLE_ACTIONS,
    readonly string[],
  ][]) {
    for (const prefix of rights?.[right] ?? []) {
      for (const action of actions) {
        const key = `${action} on ${right === 'index' ? 'index' : 'table'}`;
        const patterns = grants.get(key) ?? new Set<string>();
        patterns.add(leadingKeyPattern(prefix));
        grants.set(key, patterns);
      }
    }
  }
  return grants;
}

const sorted = (map: Map<string, Set<string>>) =>
  Object.fromEntries([...map].map(([key, patterns]) => [key, [...patterns].sort()]).sort());

/** Granted S3 action → object ARN suffixes (after the bucket ARN), `(bucket)` for the bucket itself. */
function s3Grants(statements: Statement[]): Map<string, Set<string>> {
  const grants = new Map<string, Set<string>>();
  for (const statement of statements) {
    for (const action of actionsOf(statement).filter((a) => a.startsWith('s3:'))) {
      const patterns = grants.get(action) ?? new Set<string>();
      for (const resource of [statement.Resource].flat()) {
        const suffix = /"\/([^"]*)"\]\]\}$/.exec(rendered(resource))?.[1];
        patterns.add(suffix ?? '(bucket)');
      }
      grants.set(action, patterns);
    }
  }
  return grants;
}

function declaredS3Grants(rights: BucketRights | undefined): Map<string, Set<string>> {
  const grants = new Map<string, Set<string>>();
  const add = (action: string, pattern: string) =>
    grants.set(action, (grants.get(action) ?? new Set<string>()).add(pattern));
  for (const pattern of rights?.get ?? []) {
    add('s3:GetObject', pattern);
    add('s3:GetObjectVersion', pattern);
  }
  for (const pattern of rights?.put ?? []) add('s3:PutObject', pattern);
  for (const pattern of rights?.tag ?? []) {
    add('s3:PutObjectTagging', pattern);
    add('s3:PutObjectVersionTagging', pattern);
  }
  for (const pattern of rights?.tag ?? []) {
    add('s3:PutObjectTagging', pattern);
    add('s3:PutObjectVersionTagging', pattern);
  }
  if (rights?.list) add('s3:ListBucket', '(bucket)');
  return grants;
}

/** What a public caller may reach: the public feeds, the OCDS records, the catalog (R-SUP-3). */
const PUBLIC_PATTERNS = ['PUBLIC#*', 'OCID#*', 'CATALOG'];
const READS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:Scan'];

describe('every function holds exactly what its table entry declares (issue 11 §2)', () => {
  it('covers every route, event handler and workflow task', () => {
    expect(subjects.length).toBe(
      Object.keys(routes).length +
        Object.keys(eventHandlers).length +
        Object.values(workflows).reduce((n, w) => n + Object.keys(w.tasks).length, 0),
    );
  });

  it.each(subjects.map((s) => [s.name, s] as const))(
    '%s: DynamoDB actions and partitions as declared, nothing more',
    (_name, { def, fn }) => {
      expect(sorted(dynamoGrants(allowStatements(fn)))).toEqual(
        sorted(declaredDynamoGrants(tableRightsOf(def))),
      );
    },
  );

  it.each(subjects.map((s) => [s.name, s] as const))(
    '%s: S3 actions and object keys as declared, nothing more',
    (_name, { def, fn }) => {
      expect(sorted(s3Grants(allowStatements(fn)))).toEqual(sorted(declaredS3Grants(def.bucket)));
    },
  );

  it.each(subjects.map((s) => [s.name, s] as const))(
    '%s: every DynamoDB Allow has a LeadingKeys condition and names the table or index/GSI1',
    (_name, { fn }) => {
      for (const statement of allowStatements(fn)) {
        if (!actionsOf(statement).some((a) => a.startsWith('dynamodb:'))) continue;
        expect(leadingKeysOf(statement), JSON.stringify(statement)).toEqual(
          expect.arrayContaining([expect.any(String)]),
        );
        for (const resource of [statement.Resource].flat()) {
          expect(rendered(resource)).not.toContain('*');
          if (rendered(resource).includes('/index/'))
            expect(rendered(resource)).toContain(`/index/${INDEX_NAME}"`);
        }
      }
    },
  );

  it('grants BatchGetItem, DescribeTable and Scan to no function (nothing calls them)', () => {
    for (const { name, fn } of subjects) {
      const actions = allowStatements(fn).flatMap(actionsOf);
      for (const action of [
        'dynamodb:BatchGetItem',
        'dynamodb:DescribeTable',
        'dynamodb:Scan',
        'dynamodb:*',
      ]) {
        expect(actions, name).not.toContain(action);
      }
    }
  });
});

/**
 * Issue 13 §3: the service recipients' opinion form is public (recipients have no account) but holds a credential in
 * its body, a single-use invitation token, and acts only on what the token leads to. Its rights are written out here.
 */
const RECIPIENT_FORM: Record<string, { reads: string[]; writes: Record<string, string[]> }> = {
  lookupInvitation: { reads: ['ACCEPTANCE#*', 'CONTRACT#*', 'INVITATION#*'], writes: {} },
  submitOpinion: {
    reads: ['ACCEPTANCE#*', 'CONTRACT#*', 'INVITATION#*'],
    writes: {
      'dynamodb:PutItem': ['ACCEPTANCE#*', 'AUDIT#opinion#*'],
      'dynamodb:UpdateItem': ['INVITATION#*'],
      'dynamodb:ConditionCheckItem': ['ACCEPTANCE#*'],
      'dynamodb:DeleteItem': ['ACCEPTANCE#*'],
    },
  },
};

describe("the recipients' opinion form acts only on what its invitation leads to (issue 13 §3)", () => {
  const form = subjects.filter((s) => s.name in RECIPIENT_FORM);

  it('covers both routes of the form', () => {
    expect(form.map((s) => s.name).sort()).toEqual(Object.keys(RECIPIENT_FORM).sort());
  });

  it.each(form.map((s) => [s.name, s] as const))(
    '%s: reads the invitation, its acceptance and contract; writes the opinion only; touches no object',
    (name, { fn }) => {
      const want = RECIPIENT_FORM[name]!;
      const granted: Record<string, string[]> = {};
      for (const statement of allowStatements(fn)) {
        const actions = actionsOf(statement);
        expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
        for (const action of actions.filter((a) => a.startsWith('dynamodb:'))) {
          granted[action] = [
            ...(granted[action] ?? []),
            ...(leadingKeysOf(statement) ?? ['<every partition>']),
          ];
        }
      }
      for (const read of ['dynamodb:GetItem', 'dynamodb:Query']) {
        for (const pattern of granted[read] ?? [])
          expect(want.reads, `${read} ${pattern}`).toContain(pattern);
      }
      const writes = Object.fromEntries(
        Object.entries(granted)
          .filter(([action]) => !READS.includes(action))
          .map(([action, patterns]) => [action, [...new Set(patterns)].sort()]),
      );
      expect(writes).toEqual(
        Object.fromEntries(
          Object.entries(want.writes).map(([action, patterns]) => [action, [...patterns].sort()]),
        ),
      );
    },
  );
});

describe('a public function reads only what is public (issue 11 §2)', () => {
  const publicSubjects = subjects.filter((s) => s.isPublic && !(s.name in RECIPIENT_FORM));

  it('there are public functions to check', () => {
    expect(publicSubjects.map((s) => s.name)).toEqual(expect.arrayContaining(['health', 'getPublicCatalog']));
  });

  it.each(publicSubjects.map((s) => [s.name, s] as const))(
    '%s: reads public partitions only, writes nothing, touches no object',
    (_name, { fn }) => {
      for (const statement of allowStatements(fn)) {
        const actions = actionsOf(statement);
        expect(
          actions.filter((a) => a.startsWith('s3:')),
          JSON.stringify(statement),
        ).toEqual([]);
        const dynamo = actions.filter((a) => a.startsWith('dynamodb:'));
        if (dynamo.length === 0) continue;
        expect(
          dynamo.every((a) => READS.includes(a)),
          JSON.stringify(statement),
        ).toBe(true);
        for (const pattern of leadingKeysOf(statement) ?? ['<every partition>']) {
          expect(PUBLIC_PATTERNS, `${pattern} in ${JSON.stringify(statement)}`).toContain(pattern);
        }
      }
    },
  );

  it('the public /health holds no right on the table or the bucket', () => {
    const health = subjects.find((s) => s.name === 'health');
    const actions = allowStatements(health!.fn).flatMap(actionsOf);
    expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('s3:'))).toEqual([]);
  });
});

describe('the operators probes touch only their own items (issue 11 §2)', () => {
  it('the deep health check reads the HEALTH item and heads the bucket, nothing else', () => {
    const { fn } = subjects.find((s) => s.name === 'healthDeep')!;
    const statements = allowStatements(fn);
    expect(sorted(dynamoGrants(statements))).toEqual({
      'dynamodb:GetItem on table': ['HEALTH'],
      'dynamodb:Query on table': ['HEALTH'],
    });
    expect(sorted(s3Grants(statements))).toEqual({ 's3:ListBucket': ['(bucket)'] });
  });

  it.each(Object.keys(workflows.probe.tasks))(
    'the workflow probe task %s: its probe items and their audit only',
    (task) => {
      const { fn } = subjects.find((s) => s.name === `probe.${task}`)!;
      const statements = allowStatements(fn);
      const patterns = [...dynamoGrants(statements).values()].flatMap((set) => [...set]);
      expect(patterns.length).toBeGreaterThan(0);
      for (const pattern of patterns) expect(['WORKFLOWPROBE#*', 'AUDIT#workflowProbe#*']).toContain(pattern);
      expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('s3:'))).toEqual([]);
    },
  );
});

describe('tokens at the gateway: every authorized route requires a scope (issue 11 §2)', () => {
  const routeResource = (name: string) => {
    const { stack } = functionOf(name);
    const httpRoute = stack.routes[name];
    if (!httpRoute) throw new Error(`no route ${name}`);
    return templateOf(stack).toJSON().Resources[logicalId(httpRoute)] as {
      Properties: { AuthorizationType: string; AuthorizationScopes?: string[] };
    };
  };

  it.each(Object.entries(routes).filter(([, r]) => r.auth !== 'public'))(
    '%s: a user or portal access token scope, which a Cognito ID token (no scope claim) never holds',
    (name, route) => {
      const { Properties } = routeResource(name);
      expect(Properties.AuthorizationType).toBe('JWT');
      const roles = route.auth as readonly string[];
      const expected = [
        ...(roles.some((role) => role !== 'portal') ? USER_TOKEN_SCOPES : []),
        // Issue 12 §1: a portal reaches a delegable contractor route too, acting On-Behalf-Of a contractor.
        ...(roles.includes('portal') || (route as RouteDef).delegable !== undefined ? [PORTAL_SCOPE] : []),
      ];
      expect(Properties.AuthorizationScopes?.slice().sort()).toEqual(expected.slice().sort());
    },
  );

  it('the portal scope opens only the routes the portal may call', () => {
    const portalRoutes = Object.entries(routes)
      .filter(
        ([name, r]) =>
          r.auth !== 'public' && routeResource(name).Properties.AuthorizationScopes?.includes(PORTAL_SCOPE),
      )
      .map(([name]) => name)
      .sort();
    expect(portalRoutes).toEqual(
      Object.entries(routes)
        .filter(
          ([, r]) =>
            r.auth !== 'public' &&
            ((r.auth as readonly string[]).includes('portal') || (r as RouteDef).delegable !== undefined),
        )
        .map(([name]) => name)
        .sort(),
    );
    expect(portalRoutes.length).toBeGreaterThan(0);
  });
});
