import { Logger } from '@aws-lambda-powertools/logger';

// Structured JSON logs carrying the Lambda request id (injectLambdaContext adds it per request).
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'assistance' });
