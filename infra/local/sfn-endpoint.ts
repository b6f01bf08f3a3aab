/**
 * A local Step Functions endpoint: the AWS JSON 1.0 protocol (POST /, `X-Amz-Target:
 * AWSStepFunctions.<Action>`) for exactly StartExecution, SendTaskSuccess and SendTaskFailure, in front of
 * the embedded runner. The SDK's SFNClient reaches it through AWS_ENDPOINT_URL_SFN, so handler code is the
 * same on both runtimes. Like DynamoDB Local, it accepts any signature.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { SfnError, type SfnApi } from '#infra/local/sfn-api';
import { listenOnLoopback } from '#infra/local/ports';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** A request holds at most a 256 KiB input plus the envelope. */
const MAX_BODY_BYTES = 512 * 1024;

export interface SfnEndpoint {
  url: string;
  stop(): Promise<void>;
}

type Body = Record<string, unknown>;

/** Each action: the request's members as the protocol names them → the response members. */
function actions(api: SfnApi): Record<string, (body: Body) => Promise<Body>> {
  return {
    async StartExecution(body) {
      const result = await api.startExecution({
        stateMachineArn: required(body, 'stateMachineArn'),
        ...optional(body, 'name'),
        ...optional(body, 'input'),
      });
      // Timestamps travel as epoch seconds in the JSON protocols.
      return { executionArn: result.executionArn, startDate: result.startDate.getTime() / 1000 };
    },
    async SendTaskSuccess(body) {
      await api.sendTaskSuccess({ taskToken: required(body, 'taskToken'), output: required(body, 'output') });
      return {};
    },
    async SendTaskFailure(body) {
      await api.sendTaskFailure({
        taskToken: required(body, 'taskToken'),
        ...optional(body, 'error'),
        ...optional(body, 'cause'),
      });
      return {};
    },
  };
}

export async function startSfnEndpoint(options: {
  port: number;
  api: SfnApi;
  log: (line: string) => void;
}): Promise<SfnEndpoint> {
  const handlers = actions(options.api);
  const server = http.createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      options.log(`sfn endpoint error on ${String(req.headers['x-amz-target'])}: ${describe(error)}`);
      send(res, 500, { __type: 'InternalFailure', message: 'internal error' });
    });
  });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const handler = target.startsWith(TARGET_PREFIX)
      ? handlers[target.slice(TARGET_PREFIX.length)]
      : undefined;
    if (req.method !== 'POST' || !handler) {
      return send(res, 400, { __type: 'UnknownOperationException', message: `not served here: ${target}` });
    }
    let body: Body;
    try {
      body = await readJson(req);
    } catch (error) {
      return send(res, 400, { __type: 'SerializationException', message: describe(error) });
    }
    try {
      send(res, 200, await handler(body));
    } catch (error) {
      if (!(error instanceof SfnError)) throw error;
      send(res, 400, { __type: error.code, message: error.message });
    }
  }

  return listenOnLoopback(server, options.port);
}

function required(body: Body, member: string): string {
  const value = body[member];
  if (typeof value !== 'string') throw new SfnError('ValidationException', `${member} is required`);
  return value;
}

function optional<K extends string>(body: Body, member: K): Partial<Record<K, string>> {
  const value = body[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') throw new SfnError('ValidationException', `${member} must be a string`);
  return { [member]: value } as Partial<Record<K, string>>;
}

async function readJson(req: IncomingMessage): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('body is not an object');
  return parsed as Body;
}

function send(res: ServerResponse, status: number, body: Body): void {
  if (res.headersSent) return void res.destroy();
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
