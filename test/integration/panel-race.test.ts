/**
 * Simultaneous panel changes (issue 11 §1; R-PROC-3, R-PROC-5), against DynamoDB Local over HTTP: on one approved
 * project, draws and named panels sent at the same moment with the same If-Match. Counted outcome: exactly one
 * lands (200), every other is 412 or 409, the project moved one version, its history and audit trail hold one
 * panel change, and the winner's draw replays from what it published. No bid deadline is waited for.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/adapters/dynamodb/keys';
import type { PanelDraw } from '#shared/domain/evaluator-pool';
import { replayDraw } from '#shared/domain/evaluator-pool';
import { api, stackInfo, token } from '../support/stack-client';
import { enrolEvaluators } from '../support/evaluator-pool';
import { etag, openBudgetLine, unique } from '../support/procurement';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
afterAll(() => documents.destroy());

interface ProjectView {
  id: string;
  version: number;
  evaluatorIds: string[];
  panel?: { method: string; draw?: PanelDraw };
  panelHistory?: unknown[];
}

/** A consultation project of pur-town-1, submitted by its clerk and approved by the bureau (no panel yet). */
async function approvedProject(clerk: string, approver: string): Promise<ProjectView> {
  const line = await openBudgetLine(approver, 'pur-town-1', 2035, 10_000_000);
  const created = await api<ProjectView>('POST', '/v1/projects', {
    token: clerk,
    body: {
      purchaserId: 'pur-town-1',
      title: '并发测试照料护理服务',
      catalogCode: 'C-CAREGIVING',
      budgetLineId: line.id,
      estimatedAmount: 1_000_000,
      quantity: { value: 100, unit: '小时' },
      term: { start: '2035-03-01', end: '2035-12-31' },
      procurementMethod: 'competitive_consultation',
      evaluationCriteria: {
        quality: [{ code: 'plan', description: '服务方案', weight: 80 }],
        priceWeight: 20,
      },
    },
  });
  expect(created.status, created.text).toBe(201);
  const submitted = await api<ProjectView>('POST', `/v1/projects/${created.json.id}/submit`, {
    token: clerk,
    headers: { 'if-match': etag(created.json.version) },
  });
  const approved = await api<ProjectView>('POST', `/v1/projects/${created.json.id}/approve`, {
    token: approver,
    headers: { 'if-match': etag(submitted.json.version) },
  });
  expect(approved.status, approved.text).toBe(200);
  return approved.json;
}

describe('simultaneous panel changes (R-PROC-3, R-PROC-5)', () => {
  it('R-PROC-5: of 4 draws and 4 named panels sent at once with the same If-Match exactly one lands', async () => {
    const run = unique();
    const pool = Array.from({ length: 7 }, (_, i) => `race-panel-${run}-${i}`);
    const [clerk, approver, bureau] = await Promise.all([
      token('town', { purchaserId: 'pur-town-1', sub: `clerk-${run}` }),
      token('bureau', { sub: `approver-${run}` }),
      token('bureau'),
    ]);
    const [project] = await Promise.all([approvedProject(clerk, approver), enrolEvaluators(pool)]);
    const path = `/v1/projects/${project.id}/evaluators`;
    const headers = { 'if-match': etag(project.version) };

    // Act: all at once
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        api<ProjectView>('POST', `${path}/draw`, { token: clerk, headers, body: { size: 3 } }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        api<ProjectView>('PUT', path, {
          token: clerk,
          headers,
          body: { evaluatorIds: pool.slice(i, i + 3) },
        }),
      ),
    ]);

    // Assert: one winner, the others refused as stale or conflicting, never a 5xx
    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s === 200),
      statuses.join(','),
    ).toHaveLength(1);
    expect(
      statuses.every((s) => s === 200 || s === 409 || s === 412),
      statuses.join(','),
    ).toBe(true);
    const winner = answers.find((a) => a.status === 200)!.json;
    const now = (await api<ProjectView>('GET', `/v1/projects/${project.id}`, { token: bureau })).json;
    expect(now.version).toBe(project.version + 1);
    expect(now.evaluatorIds).toEqual(winner.evaluatorIds);
    expect(now.panelHistory).toHaveLength(1);
    if (now.panel?.method === 'drawn') {
      expect(replayDraw(now.panel.draw!)).toEqual({ evaluatorIds: now.evaluatorIds });
      expect(now.panel.draw!.pool).toEqual(expect.arrayContaining(pool));
    }
    // The audit chain as stored (read from DynamoDB Local: the count does not depend on the audit route).
    const trail = await documents.send(
      new QueryCommand({
        TableName: stackInfo().tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditPartition('project', project.id) },
        ConsistentRead: true,
      }),
    );
    const entries = (trail.Items ?? []) as { action: string }[];
    const panelEntries = entries.filter((e) => /evaluators_assigned|panel_drawn/.test(e.action));
    expect(panelEntries).toHaveLength(1);
    // Every member of the winning panel lists the project; nobody else's assignment row survived.
    for (const sub of pool) {
      const listed = await api<{ items: { id: string }[] }>('GET', '/v1/evaluator/projects?limit=100', {
        token: await token('evaluator', { sub }),
      });
      expect(listed.json.items.some((p) => p.id === project.id)).toBe(now.evaluatorIds.includes(sub));
    }
  }, 120_000);
});
