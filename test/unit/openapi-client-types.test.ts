/**
 * test/support/openapi-types.ts, the types of GET /openapi.json the e2e tests' client is built on (issue 12 §4), is
 * what openapi-typescript yields for the current route table: a change to a route or a schema without regenerating
 * would leave the e2e tests typechecked against an old contract.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_COMMAND, CLIENT_TYPES_MODULE, clientTypesText } from '#infra/openapi/client-types';
import { routes } from '#functions/routes';

describe('test/support/openapi-types.ts (issue 12 §4: e2e tests typed by the contract)', () => {
  it('holds exactly what openapi-typescript generates from the current OpenAPI document', async () => {
    // Arrange
    const committed = await readFile(CLIENT_TYPES_MODULE, 'utf8');

    // Act
    const expected = await clientTypesText();

    // Assert
    expect(committed, `test/support/openapi-types.ts is stale: run ${CLIENT_TYPES_COMMAND}`).toBe(expected);
  });

  it('types every operation of the route table by its operationId', async () => {
    // Act
    const text = await clientTypesText();

    // Assert: the generator read the whole document, not a part of it
    for (const [name, route] of Object.entries(routes)) {
      expect(text, name).toContain(`operations['${name}']`);
      expect(text, name).toContain(`'${route.path}': {`);
    }
  });
});
