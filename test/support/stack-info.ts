/** What the stack project's globalSetup hands to test files through vitest's provide/inject. */
export interface StackInfo {
  baseUrl: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  tableName: string;
  bucketName: string;
  keysDir: string;
  dataDir: string;
  /** The handlers' environment (endpoints, table, bucket, credentials) for code running in the test worker. */
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}
