import type { Context } from 'aws-lambda';

export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'cn-north-1';

/** The Lambda context a handler sees on AWS, minus the deprecated callback methods (they throw). */
export function lambdaContext(options: {
  functionName: string;
  requestId: string;
  timeoutMs: number;
}): Context {
  const deadline = Date.now() + options.timeoutMs;
  const unsupported = (): never => {
    throw new Error('Callback-style completion (done/succeed/fail) is not supported: return a promise.');
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws-cn:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: options.requestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
