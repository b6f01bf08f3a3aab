import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import type { S3rverNotification } from 's3rver';
import { lambdaContext } from '#infra/local/lambda-context';
import {
  toObjectCreatedEvents,
  type EventBridgeMappingOptions,
  type ObjectCreatedEvent,
} from '#infra/local/s3-events';

/** Lambda retries a failed asynchronous invocation twice; locally the waits are short. */
const RETRY_DELAYS_MS = [100, 400];
const VERIFIER_TIMEOUT_MS = 60_000;

export interface DocumentEventDispatcher {
  /** Feed an s3rver notification; matching records become verifier invocations. */
  onNotification(notification: S3rverNotification): void;
  /** Resolves once no verifier invocation is running or waiting for a retry. */
  idle(): Promise<void>;
}

/**
 * Stands in for "S3 → EventBridge rule → Lambda": maps object-created records to the EventBridge event
 * and invokes the verifier in-process, with Lambda's asynchronous retries.
 */
export function createDocumentEventDispatcher(options: {
  mapping: EventBridgeMappingOptions;
  functionName: string;
  invoke: (event: ObjectCreatedEvent, context: Context) => Promise<unknown>;
  log: (line: string) => void;
}): DocumentEventDispatcher {
  const inFlight = new Set<Promise<void>>();

  async function deliver(event: ObjectCreatedEvent): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const context = lambdaContext({
        functionName: options.functionName,
        requestId: event.id,
        timeoutMs: VERIFIER_TIMEOUT_MS,
      });
      try {
        await options.invoke(event, context);
        return;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        // Issue 11 §1: the event id, not the object key (older bid-document keys name the bidder).
        options.log(
          `${options.functionName} failed on event ${event.id} (attempt ${attempt + 1}): ${describe(error)}`,
        );
        if (delay === undefined) return;
        await sleep(delay);
      }
    }
  }

  return {
    onNotification(notification) {
      for (const event of toObjectCreatedEvents(notification, options.mapping)) {
        const delivery = deliver(event).finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    },
    async idle() {
      // Loop: a delivery may finish while another is being added.
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
