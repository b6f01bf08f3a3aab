import { TABLE_NAME_ENV, requiredEnv } from '#shared/config';

/** The one table; read when a DynamoDB adapter is first imported, so a function not bound to it fails at init. */
export const TABLE_NAME = requiredEnv(TABLE_NAME_ENV);
