/**
 * The production wiring of the workflow ports: Step Functions for task tokens, the table for parked callbacks.
 * Its own module so functions that never touch a workflow do not bundle the Step Functions client.
 */
import type { CallbackDeps } from '#shared/use-cases/workflow-callbacks';
import { clearCallback, findCallback, parkCallback } from './dynamodb/callbacks';
import { sendTaskFailure, sendTaskSuccess } from './sfn/workflows';

export const callbackDeps: CallbackDeps = {
  callbacks: { park: parkCallback, find: findCallback, clear: clearCallback },
  tasks: { sendTaskSuccess, sendTaskFailure },
};
