/**
 * Two evaluators finishing a round at once (R-PROC-3, issue 10 §2), against DynamoDB Local and the embedded
 * Step Functions runner. Each project is published, bid on and closed over HTTP; the first evaluator's sheet goes
 * over HTTP too; the last two sheets are sent at the same moment through `submitScores`, with the production
 * callback ports (the parked token in the table, SendTaskSuccess to the local runner) wrapped to count what
 * was sent and what Step Functions accepted. Counted outcome per project: both sheets land, the waiting
 * workflow is resumed exactly once (never zero times, never twice), and the round is evaluated exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findCallback } from '#shared/adapters/dynamodb/callbacks';
import { store } from '#shared/adapters/store';
import { callbackDeps } from '#shared/adapters/workflow';
import { systemClock } from '#shared/domain/clock';
import { submitScores } from '#shared/use-cases/scoring';
import type { TaskTokenPort } from '#shared/use-cases/workflow-callbacks';
import { api, token, waitFor } from '../support/stack-client';
import { eligibleContractor, publishedProject } from '../support/procurement';
import { PERIOD_OVERRIDE_SECONDS } from '../support/embedded-stack.global';

/** Projects raced side by side, each its own count. */
const PROJECTS = 3;
const PANEL = ['race-scorer-1', 'race-scorer-2', 'race-scorer-3'];

interface Project {
  id: string;
  status: string;
  timeline: { event: string }[];
}

let bidders: { id: string; token: string }[];
beforeAll(async () => {
  bidders = await Promise.all([eligibleContractor(), eligibleContractor(), eligibleContractor()]);
}, 300_000);

/** SendTaskSuccess as production sends it, counted: accepted by Step Functions, or refused as spent. */
function countingTasks(): TaskTokenPort & { accepted: string[]; refused: string[] } {
  const accepted: string[] = [];
  const refused: string[] = [];
  return {
    accepted,
    refused,
    async sendTaskSuccess(taskToken, output) {
      try {
        await callbackDeps.tasks.sendTaskSuccess(taskToken, output);
        accepted.push(taskToken);
      } catch (error) {
        refused.push(error instanceof Error ? error.name : String(error));
        throw error;
      }
    },
    sendTaskFailure: (taskToken, error, cause) => callbackDeps.tasks.sendTaskFailure(taskToken, error, cause),
  };
}

/** A project whose bidding has closed with the three bids in and whose workflow is parked on the scores. */
async function closedAndWaitingForScores(): Promise<{ id: string; bidIds: string[] }> {
  const project = await publishedProject({
    evaluatorIds: PANEL,
    closesInSeconds: PERIOD_OVERRIDE_SECONDS + 30,
  });
  const bidIds = await Promise.all(
    bidders.map(async (bidder, i) => {
      const bid = await api<{ id: string }>('PUT', `/v1/projects/${project.id}/bid`, {
        token: bidder.token,
        headers: { 'if-none-match': '*' },
        body: { price: 900_000 - i * 10_000, proposal: { summary: '服务方案' } },
      });
      expect(bid.status, bid.text).toBe(201);
      return bid.json.id;
    }),
  );
  await waitFor(async () => (await findCallback(project.id))?.waitingFor === 'scores', {
    timeoutMs: 90_000,
    intervalMs: 200,
  });
  return { id: project.id, bidIds };
}

const sheet = (bidIds: string[], score: number) => ({
  scores: bidIds.map((bidId) => ({ bidId, criterionCode: 'plan', score })),
});

describe('two evaluators finishing a round at once (R-PROC-3)', () => {
  it(`on ${PROJECTS} projects: both last sheets land, the workflow is resumed once, the round evaluated once`, async () => {
    // Arrange
    const projects = await Promise.all(Array.from({ length: PROJECTS }, () => closedAndWaitingForScores()));
    for (const { id, bidIds } of projects) {
      const first = await api('PUT', `/v1/projects/${id}/scores`, {
        token: await token('evaluator', { sub: PANEL[0] }),
        headers: { 'if-none-match': '*' },
        body: sheet(bidIds, 80),
      });
      expect(first.status, first.text).toBe(201);
    }

    // Act: the two last sheets of each project at the same moment.
    const raced = await Promise.all(
      projects.map(async ({ id, bidIds }) => {
        const tasks = countingTasks();
        const deps = { store, clock: systemClock, callbacks: callbackDeps.callbacks, tasks };
        const settled = await Promise.allSettled(
          PANEL.slice(1).map((evaluatorId, i) =>
            submitScores(deps, id, sheet(bidIds, 70 + i), {
              evaluatorId,
              actor: { sub: evaluatorId, role: 'evaluator' },
              ifMatch: null,
            }),
          ),
        );
        return { id, tasks, settled };
      }),
    );

    // Assert
    for (const { id, tasks, settled } of raced) {
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      expect(results.map((r) => r.created)).toEqual([true, true]);
      // At least one of them saw the round complete; Step Functions accepted the token exactly once.
      expect(results.some((r) => r.resumed)).toBe(true);
      expect(tasks.accepted).toHaveLength(1);
      expect(tasks.accepted.length + tasks.refused.length).toBeLessThanOrEqual(2);

      const evaluated = await waitFor(
        async () => {
          const project = await api<Project>('GET', `/v1/projects/${id}`, { token: await token('bureau') });
          return project.json.timeline.some((t) => t.event === 'award') ? project.json : undefined;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(evaluated.timeline.filter((t) => t.event === 'evaluate')).toHaveLength(1);
      const trail = await api<{ entries: { action: string }[] }>('GET', `/v1/audit/project/${id}?limit=100`, {
        token: await token('auditor'),
      });
      expect(trail.json.entries.filter((e) => e.action === 'project.evaluated')).toHaveLength(1);
      const sheets = await api<{ sheets: { evaluatorId: string }[] }>('GET', `/v1/projects/${id}/scores`, {
        token: await token('bureau'),
      });
      expect(sheets.json.sheets.map((s) => s.evaluatorId).sort()).toEqual([...PANEL].sort());
    }
  });
});
