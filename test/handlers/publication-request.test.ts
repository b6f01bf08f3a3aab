/**
 * The publication request (R-PROC-1; issue 10 §2, survivors of shared/use-cases/publication.ts): the clerk asks,
 * the procurement workflow publishes. The workflow is started once per project version (the execution name),
 * with the project's id, the version the clerk published, the deadline (in +08:00) and who asked; the same
 * version asked again with another deadline is a 409 naming R-PROC-1, and any other failure of the start is
 * passed on unchanged (a 500, never a conflict).
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as publishProject } from '#functions/projects/publish-project';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import { DomainError } from '#shared/domain/errors';
import type { Project } from '#shared/domain/project';
import type { Deps, RecordStorePort } from '#shared/use-cases/ports';
import type { PublicationRequest, WorkflowStarter } from '#shared/use-cases/publication';
import { requestPublication } from '#shared/use-cases/publication';
import { apiEvent, claims, lambdaContext, problem } from './support';
import { PROJECT_ID, project, projectItem } from './procurement-fixtures';

const NOW = new Date('2025-03-10T02:00:00.000Z'); // 10:00 in Shanghai, a Monday
const CLERK = { sub: 'u-town-clerk', role: 'town' };
const VIEWER = { sub: 'u-town-clerk', role: 'town', purchaserId: 'pur-town-1' };
const CONFLICT = 'publication of this version was already requested with another deadline';

const approved = (overrides: Partial<Project> = {}) =>
  project({ status: 'approved', version: 7, ...overrides });

/** A store holding just the project (the purchaser's rules are the defaults) and a workflow recording its starts. */
function fakes(stored: Project, fails?: Error) {
  const store = {
    get: (key: { PK: string; SK: string }) =>
      Promise.resolve(
        key.PK === keys.project(stored.id).PK && key.SK === keys.project(stored.id).SK
          ? { value: stored, head: { auditSeq: stored.version, auditHash: 'h' } }
          : undefined,
      ),
  } as unknown as RecordStorePort;
  const starts: { name: string; input: PublicationRequest }[] = [];
  const workflow: WorkflowStarter = {
    start: (name, input) => {
      starts.push({ name, input });
      return fails
        ? Promise.reject(fails)
        : Promise.resolve({ executionArn: `arn:execution:${name}`, startDate: NOW });
    },
  };
  const deps: Deps & { workflow: WorkflowStarter; overrideSeconds: number | undefined } = {
    store,
    clock: { now: () => NOW },
    workflow,
    overrideSeconds: undefined,
  };
  return { deps, starts };
}

const ctx = { viewer: VIEWER, actor: CLERK, ifMatch: 7 };

describe('requestPublication (R-PROC-1)', () => {
  it('starts the workflow once, named after the version, with the project’s id, version, deadline and who asked', async () => {
    // Arrange
    const { deps, starts } = fakes(approved());

    // Act: the deadline given in UTC is stored in +08:00
    const result = await requestPublication(deps, PROJECT_ID, { bidDeadline: '2025-03-21T01:30:00Z' }, ctx);

    // Assert
    const request = {
      projectId: PROJECT_ID,
      projectVersion: 7,
      bidDeadline: '2025-03-21T09:30:00.000+08:00',
      requestedBy: CLERK,
    };
    expect(starts).toEqual([{ name: `${PROJECT_ID}-v7`, input: request }]);
    expect(result).toEqual({
      project: approved(),
      executionArn: `arn:execution:${PROJECT_ID}-v7`,
      request,
    });
  });

  it('answers a conflict naming R-PROC-1 when the version was already sent with another deadline', async () => {
    // Arrange
    const already = Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists' });
    const { deps } = fakes(approved(), already);

    // Act
    const result = requestPublication(deps, PROJECT_ID, { bidDeadline: '2025-03-21T09:30:00+08:00' }, ctx);

    // Assert
    await expect(result).rejects.toBeInstanceOf(DomainError);
    await expect(result).rejects.toMatchObject({
      code: 'conflict',
      message: CONFLICT,
      details: { rule: 'R-PROC-1' },
    });
  });

  it('passes any other failure of the start on unchanged', async () => {
    // Arrange
    const failure = Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    const { deps } = fakes(approved(), failure);

    // Act + Assert
    await expect(
      requestPublication(deps, PROJECT_ID, { bidDeadline: '2025-03-21T09:30:00+08:00' }, ctx),
    ).rejects.toBe(failure);
  });
});

describe('POST /v1/projects/{id}/publish, asked twice', () => {
  const ddbMock = mockClient(DynamoDBDocumentClient);
  const sfnMock = mockClient(SFNClient);

  beforeEach(() => {
    ddbMock.reset();
    sfnMock.reset();
    ddbMock.on(GetCommand).resolves({});
    ddbMock
      .on(GetCommand, { Key: keys.project(PROJECT_ID) })
      .resolves({ Item: projectItem(approved({ version: 3 })) });
    process.env[stateMachineArnEnv('procurement')] =
      'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:p';
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  });

  afterEach(() => {
    vi.useRealTimers();
    delete process.env[stateMachineArnEnv('procurement')];
  });

  it('answers 409 naming R-PROC-1 and saying why', async () => {
    // Arrange
    sfnMock
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists' }));

    // Act
    const result = await publishProject(
      apiEvent(routes.publishProject, {
        claims: claims.town,
        params: { id: PROJECT_ID },
        headers: { 'If-Match': '"3"' },
        body: { bidDeadline: '2025-03-20T09:30:00+08:00' },
      }),
      lambdaContext(),
    );

    // Assert
    expect(problem(result, 409)).toMatchObject({ rule: 'R-PROC-1', detail: CONFLICT });
  });
});
