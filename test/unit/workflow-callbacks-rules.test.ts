/**
 * Waking the procurement workflow (shared/use-cases/workflow-callbacks.ts; R-PROC-1, R-SUP-1 full-process
 * tracking): a route resumes the workflow only when it is parked on what the route completed, after the change
 * committed; a token someone else already answered is "done", any other failure is not, and a cancelled project
 * ends the parked workflow with ProjectCancelled whatever it waited for.
 */
import { describe, expect, it } from 'vitest';
import type { ParkedCallback } from '#shared/adapters/dynamodb/callbacks';
import {
  abortWorkflow,
  PROJECT_CANCELLED,
  resumeWorkflow,
  type CallbackDeps,
} from '#shared/use-cases/workflow-callbacks';

function fakes(parked?: ParkedCallback, fail?: Error) {
  const log: unknown[][] = [];
  const deps: CallbackDeps = {
    callbacks: {
      park: () => Promise.reject(new Error('not used')),
      find: (projectId) => {
        log.push(['find', projectId]);
        return Promise.resolve(parked);
      },
      clear: (projectId, token) => {
        log.push(['clear', projectId, token]);
        return Promise.resolve();
      },
    },
    tasks: {
      sendTaskSuccess: (token, output) => {
        log.push(['success', token, output]);
        return fail ? Promise.reject(fail) : Promise.resolve();
      },
      sendTaskFailure: (token, error, cause) => {
        log.push(['failure', token, error, cause]);
        return fail ? Promise.reject(fail) : Promise.resolve();
      },
    },
  };
  return { deps, log };
}

const parkedOnScores: ParkedCallback = {
  projectId: 'prj_1',
  waitingFor: 'scores',
  taskToken: 'tok-1',
  parkedAt: '2026-11-24T10:00:00.000+08:00',
};

const named = (name: string) => Object.assign(new Error(name), { name });

describe('resuming a parked workflow', () => {
  it('answers the token with what it waited for and the output, then clears it', async () => {
    const { deps, log } = fakes(parkedOnScores);
    await expect(resumeWorkflow(deps, 'prj_1', 'scores', { round: 2 })).resolves.toBe(true);
    expect(log).toEqual([
      ['find', 'prj_1'],
      ['success', 'tok-1', { waitingFor: 'scores', round: 2 }],
      ['clear', 'prj_1', 'tok-1'],
    ]);
  });

  it('does nothing when nothing is parked, or the workflow waits for something else', async () => {
    const none = fakes(undefined);
    await expect(resumeWorkflow(none.deps, 'prj_1', 'scores')).resolves.toBe(false);
    expect(none.log).toEqual([['find', 'prj_1']]);
    const other = fakes(parkedOnScores);
    await expect(resumeWorkflow(other.deps, 'prj_1', 'bid_deadline')).resolves.toBe(false);
    expect(other.log).toEqual([['find', 'prj_1']]);
  });

  it.each(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'])(
    'takes %s as "somebody already did it" and clears the token',
    async (name) => {
      const { deps, log } = fakes(parkedOnScores, named(name));
      await expect(resumeWorkflow(deps, 'prj_1', 'scores')).resolves.toBe(true);
      expect(log.at(-1)).toEqual(['clear', 'prj_1', 'tok-1']);
    },
  );

  it('lets any other failure through and keeps the token for a retry', async () => {
    for (const error of [named('ThrottlingException'), named('Error')]) {
      const { deps, log } = fakes(parkedOnScores, error);
      await expect(resumeWorkflow(deps, 'prj_1', 'scores')).rejects.toBe(error);
      expect(log.map((entry) => entry[0])).toEqual(['find', 'success']);
    }
    // Not an Error at all (a rejected string): not a spent token either.
    const { deps } = fakes(parkedOnScores);
    deps.tasks.sendTaskSuccess = () => Promise.reject('TaskTimedOut' as unknown as Error);
    await expect(resumeWorkflow(deps, 'prj_1', 'scores')).rejects.toBe('TaskTimedOut');
  });
});

describe('aborting the workflow of a cancelled project', () => {
  it('fails the parked task with ProjectCancelled and the cause, whatever it waited for, then clears it', async () => {
    const { deps, log } = fakes({ ...parkedOnScores, waitingFor: 'bid_deadline' });
    await expect(abortWorkflow(deps, 'prj_1', 'cancelled by the bureau')).resolves.toBe(true);
    expect(PROJECT_CANCELLED).toBe('ProjectCancelled');
    expect(log).toEqual([
      ['find', 'prj_1'],
      ['failure', 'tok-1', 'ProjectCancelled', 'cancelled by the bureau'],
      ['clear', 'prj_1', 'tok-1'],
    ]);
  });

  it('does nothing without a parked task; swallows a spent token only', async () => {
    const none = fakes(undefined);
    await expect(abortWorkflow(none.deps, 'prj_1', 'x')).resolves.toBe(false);
    expect(none.log).toEqual([['find', 'prj_1']]);
    const spent = fakes(parkedOnScores, named('TaskDoesNotExist'));
    await expect(abortWorkflow(spent.deps, 'prj_1', 'x')).resolves.toBe(true);
    expect(spent.log.at(-1)).toEqual(['clear', 'prj_1', 'tok-1']);
    const failing = named('ServiceUnavailable');
    const broken = fakes(parkedOnScores, failing);
    await expect(abortWorkflow(broken.deps, 'prj_1', 'x')).rejects.toBe(failing);
    expect(broken.log.map((entry) => entry[0])).toEqual(['find', 'failure']);
  });
});
