/**
 * POST /v1/projects/{id}/publish (R-PROC-1, R-PROC-2): the route checks the tender period and starts the
 * procurement workflow; the workflow's first task publishes the notice.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as publishProject } from '#functions/projects/publish-project';
import { routes } from '#functions/routes';
import { keys } from '#shared/adapters/dynamodb/keys';
import { stateMachineArnEnv } from '#shared/adapters/sfn/env';
import type { Project } from '#shared/domain/project';
import type { RequestOptions } from './support';
import { apiEvent, claims, json, lambdaContext, problem } from './support';
import { PROJECT_ID, otherTownClaims, project, projectItem } from './procurement-fixtures';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sfnMock = mockClient(SFNClient);
const NOW = new Date('2025-03-10T02:00:00.000Z'); // 10:00 in Shanghai, a Monday
const ARN = 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:procurement';
const EXECUTION = `arn:aws-cn:states:cn-north-1:123456789012:execution:procurement:${PROJECT_ID}-v3`;

const approved = (overrides: Partial<Project> = {}) =>
  project({ status: 'approved', version: 3, ...overrides });

const publish = (options: RequestOptions = {}) =>
  publishProject(
    apiEvent(routes.publishProject, {
      claims: claims.town,
      params: { id: PROJECT_ID },
      headers: { 'If-Match': '"3"' },
      // competitive consultation: ≥ 10 days; the notice day does not count → 2025-03-20 00:00 at the earliest
      body: { bidDeadline: '2025-03-20T09:30:00+08:00' },
      ...options,
    }),
    lambdaContext(),
  );

beforeEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  ddbMock.on(GetCommand).resolves({});
  ddbMock.on(GetCommand, { Key: keys.project(PROJECT_ID) }).resolves({ Item: projectItem(approved()) });
  sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: NOW });
  process.env[stateMachineArnEnv('procurement')] = ARN;
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  delete process.env[stateMachineArnEnv('procurement')];
});

describe('POST /v1/projects/{id}/publish', () => {
  it('starts the procurement workflow named after the project version, and writes nothing itself (R-PROC-1)', async () => {
    // Act
    const result = await publish();

    // Assert
    expect(result.statusCode).toBe(202);
    expect(result.headers?.location).toBe(`/v1/projects/${PROJECT_ID}`);
    expect(json(result)).toEqual({
      projectId: PROJECT_ID,
      executionArn: EXECUTION,
      bidDeadline: '2025-03-20T09:30:00.000+08:00',
      status: 'publishing',
    });
    expect(sfnMock).toHaveReceivedCommandWith(StartExecutionCommand, {
      stateMachineArn: ARN,
      name: `${PROJECT_ID}-v3`,
    });
    const input = JSON.parse(sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input.input!);
    expect(input).toEqual({
      projectId: PROJECT_ID,
      projectVersion: 3,
      bidDeadline: '2025-03-20T09:30:00.000+08:00',
      requestedBy: { sub: 'u-town', role: 'town' },
    });
    expect(ddbMock).not.toHaveReceivedCommand(TransactWriteCommand);
  });

  it('refuses a deadline shorter than the method’s minimum period, naming bidDeadline (R-PROC-2)', async () => {
    // Act: 2025-03-19 is the ninth day after the notice day
    const result = await publish({ body: { bidDeadline: '2025-03-19T23:59:59+08:00' } });

    // Assert
    const body = problem(result, 422);
    expect(body.rule).toBe('R-PROC-2');
    expect(body.errors?.[0]?.field).toBe('bidDeadline');
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('refuses a deadline more than 180 days out', async () => {
    const body = problem(await publish({ body: { bidDeadline: '2025-12-01T09:00:00+08:00' } }), 400);
    expect(body.errors?.[0]?.field).toBe('bidDeadline');
  });

  it('rejects a deadline that is not a date-time with 400 naming the field', async () => {
    const body = problem(await publish({ body: { bidDeadline: 'next monday' } }), 400);
    expect(body.errors?.[0]).toMatchObject({ in: 'body', field: 'bidDeadline' });
  });

  it('publishes only an approved project (409, R-PROC-1)', async () => {
    // Arrange
    ddbMock
      .on(GetCommand, { Key: keys.project(PROJECT_ID) })
      .resolves({ Item: projectItem(approved({ status: 'submitted' })) });

    // Act + Assert
    expect(problem(await publish(), 409).rule).toBe('R-PROC-1');
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('needs the version the clerk read (412 when stale, 428 without If-Match)', async () => {
    expect((await publish({ headers: { 'If-Match': '"2"' } })).statusCode).toBe(412);
    expect((await publish({ headers: {} })).statusCode).toBe(428);
  });

  it('answers 409 when the same version was already sent to publication with another deadline', async () => {
    // Arrange
    sfnMock
      .on(StartExecutionCommand)
      .rejects(Object.assign(new Error('Execution Already Exists'), { name: 'ExecutionAlreadyExists' }));

    // Act + Assert
    expect((await publish()).statusCode).toBe(409);
  });

  it('hides another town’s project (404, R-BUY-1)', async () => {
    expect((await publish({ claims: otherTownClaims })).statusCode).toBe(404);
    expect(sfnMock).not.toHaveReceivedCommand(StartExecutionCommand);
  });

  it('answers 500 without detail when Step Functions fails', async () => {
    sfnMock.on(StartExecutionCommand).rejects(new Error('ServiceUnavailable: internal detail'));
    const result = await publish();
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('internal detail');
  });
});
