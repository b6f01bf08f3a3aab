/**
 * Every operation of /openapi.json, with who may call it. The document gives the shape of each request; the
 * roles come from the route table (`functions/routes.ts`), the one source OpenAPI itself is generated from
 * (the document says only "Roles: …" in prose). An operation the table does not know fails the fuzz.
 */
import { routes, type Role, type RouteDef } from '#functions/routes';
import type { Components, JsonSchema } from './schema-arbitrary';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: string;
  /** OpenAPI path template, `/v1/projects/{id}`. */
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** Idempotency-Key on creating POSTs. */
  idempotent: boolean;
  /** If-Match required. */
  conditional: boolean;
  body?: JsonSchema;
  /** undefined: public, no token. */
  roles?: readonly Role[];
}

interface OpenApiOperation {
  operationId: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Components };
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  const table = routes as Readonly<Record<string, RouteDef>>;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const route = table[op.operationId];
      if (!route) throw new Error(`fuzz: ${op.operationId} is in /openapi.json but not in the route table`);
      if (route.path !== path || route.method !== method.toUpperCase()) {
        throw new Error(`fuzz: ${op.operationId} is ${route.method} ${route.path} in the table`);
      }
      const parameters = op.parameters ?? [];
      const isPublic = route.auth === 'public';
      if (isPublic !== (op.security === undefined)) {
        throw new Error(`fuzz: ${op.operationId}: the document and the table disagree on its security`);
      }
      operations.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        idempotent: parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        conditional: parameters.some((p) => p.in === 'header' && p.name === 'If-Match'),
        ...(op.requestBody ? { body: op.requestBody.content['application/json']?.schema ?? {} } : {}),
        ...(isPublic ? {} : { roles: route.auth as readonly Role[] }),
      });
    }
  }
  return operations;
}
