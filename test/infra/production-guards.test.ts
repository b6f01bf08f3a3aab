/**
 * Issue 11 §2, production guards. The period override (MINIMUM_PERIOD_SECONDS_OVERRIDE, R-PROC-2, R-PROC-5) is
 * refused inside Lambda at init (shared/config.ts) and no synthesized function carries it (a CDK aspect fails the
 * synth); a deployment names its region and its hosted sign-in callback URLs explicitly (context keys `region` and
 * `callbackUrls`, set for the repo's own synth in cdk.json), instead of taking the CLI's region and localhost.
 */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#shared/config';
import {
  DeploymentSettingError,
  PERIOD_OVERRIDE_ENV,
  STACK_NAMES,
  addAssistanceStacks,
  deploymentEnvironment,
} from '#infra/stacks/assistance';
import { buildDeployment } from './deployment';

const cdkContext = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

describe('the period override is refused inside Lambda (shared/config.ts)', () => {
  const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'Assistance-Procurement-PublishProject' };

  it('fails loadConfig with an error naming the setting, the function and the rules', () => {
    expect(() => loadConfig({ ...lambda, [PERIOD_OVERRIDE_ENV]: '60' })).toThrow(
      /MINIMUM_PERIOD_SECONDS_OVERRIDE is set in the Lambda function Assistance-Procurement-PublishProject.*R-PROC-2, R-PROC-5/,
    );
    // Present is enough: an empty or invalid value is refused for being there.
    expect(() => loadConfig({ ...lambda, [PERIOD_OVERRIDE_ENV]: '' })).toThrow(/Lambda function/);
  });

  it('control: outside Lambda (embedded stack, tests) it is read; inside Lambda without it all is well', () => {
    expect(loadConfig({ [PERIOD_OVERRIDE_ENV]: '60' }).MINIMUM_PERIOD_SECONDS_OVERRIDE).toBe(60);
    expect(loadConfig(lambda).MINIMUM_PERIOD_SECONDS_OVERRIDE).toBeUndefined();
  });

  describe('at init: a handler module importing config does not load', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    it('refuses to import shared/config.ts in a Lambda environment with the override', async () => {
      vi.resetModules();
      vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'Assistance-Procurement-CloseBidding');
      vi.stubEnv(PERIOD_OVERRIDE_ENV, '3');
      await expect(import('#shared/config')).rejects.toThrow(/refused|Lambda function/);
    });
  });
});

describe('the CDK deployment (issue 11 §2)', () => {
  let deployment: ReturnType<typeof buildDeployment>;
  beforeAll(() => {
    deployment = buildDeployment();
  });

  it('no synthesized function has the period override in its environment', () => {
    let functions = 0;
    for (const stack of deployment.all) {
      const resources = deployment.templateOf(stack).findResources('AWS::Lambda::Function') as Record<
        string,
        { Properties: { Environment?: { Variables?: Record<string, unknown> } } }
      >;
      for (const [id, resource] of Object.entries(resources)) {
        functions++;
        expect(
          Object.keys(resource.Properties.Environment?.Variables ?? {}),
          `${stack.stackName}/${id}`,
        ).not.toContain(PERIOD_OVERRIDE_ENV);
      }
    }
    expect(functions).toBeGreaterThanOrEqual(60);
    // Synthesizing every stack's template happens here, lazily: about 15 s alone, twice that on loaded cores.
  }, 120_000);

  it('the hosted sign-in redirects exactly to the callback URLs of the context (cdk.json for the repo)', () => {
    const clients = deployment.templateOf(deployment.stateful).findResources('AWS::Cognito::UserPoolClient', {
      Properties: { AllowedOAuthFlows: ['code'] },
    }) as Record<string, { Properties: { CallbackURLs: string[] } }>;
    expect(Object.values(clients).map((client) => client.Properties.CallbackURLs)).toEqual([
      String(cdkContext.callbackUrls).split(','),
    ]);
  });

  it('a function given the override fails the synth, naming the function', () => {
    const attempt = buildDeployment();
    attempt.functionOf('publishProject').fn.addEnvironment(PERIOD_OVERRIDE_ENV, '60');
    let error: unknown;
    try {
      attempt.app.synth();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DeploymentSettingError);
    expect((error as Error).message).toMatch(
      /\/publishProject\/.*: MINIMUM_PERIOD_SECONDS_OVERRIDE .*R-PROC-2, R-PROC-5/,
    );
  });
});

describe('explicit callback URLs (context callbackUrls)', () => {
  /** The context of cdk.json with these keys replaced (undefined: absent). */
  const appWith = (context: Record<string, unknown>) =>
    new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context } });

  it('a deployment without them fails the synth with a message naming the key, instead of localhost', () => {
    for (const missing of [undefined, '', ' , ']) {
      expect(() => addAssistanceStacks(appWith({ callbackUrls: missing })), String(missing)).toThrow(
        /context "callbackUrls".*is missing/,
      );
    }
  });

  it('refuses a callback URL that is not https, except http://localhost', () => {
    for (const url of ['http://staff.example.gov.cn/auth/callback', 'staff.example.gov.cn', 'ftp://x/y']) {
      expect(() => addAssistanceStacks(appWith({ callbackUrls: url })), url).toThrow(/not an https URL/);
    }
  });

  it('control: https URLs, and http://localhost, build the stacks', () => {
    const { stateful } = addAssistanceStacks(
      appWith({ callbackUrls: 'https://staff.example.gov.cn/auth/callback,http://localhost:3000/cb' }),
    );
    expect(stateful.stackName).toBe(STACK_NAMES.stateful);
  });
});

describe('an explicit region (context region), never the CLI default', () => {
  const cli = { CDK_DEFAULT_REGION: 'us-east-1', CDK_DEFAULT_ACCOUNT: '123456789012' };

  it("takes the context's region and the CLI's account", () => {
    expect(deploymentEnvironment(new App({ context: { region: 'cn-northwest-1' } }), cli)).toEqual({
      account: '123456789012',
      region: 'cn-northwest-1',
    });
    expect(deploymentEnvironment(new App({ context: { region: 'cn-north-1' } }), {})).toEqual({
      region: 'cn-north-1',
    });
  });

  it('fails without it, though the CLI has a region, with a message naming the key', () => {
    expect(() => deploymentEnvironment(new App(), cli)).toThrow(/context "region".*is missing/);
    expect(() => deploymentEnvironment(new App({ context: { region: 'localhost' } }), cli)).toThrow(
      /"localhost", not a region name/,
    );
  });

  it("the repo's cdk.json sets both keys, so `npx cdk synth` works offline", () => {
    expect(deploymentEnvironment(new App({ context: cdkContext }), {})).toEqual({
      region: cdkContext.region,
    });
    expect(cdkContext.callbackUrls).toEqual(expect.any(String));
  });
});

describe('browser origins (context allowedOrigins, issue 12 §5)', () => {
  const appWith = (context: Record<string, unknown>) =>
    new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...context } });

  it('refuses a wildcard, naming the key: every web page could call the API and post to the bucket', () => {
    for (const origins of ['*', 'https://*.example.com', 'https://portal.example.com,*']) {
      expect(() => addAssistanceStacks(appWith({ allowedOrigins: origins })), origins).toThrow(
        /context "allowedOrigins": ".*\*.*" is a wildcard: list each portal's origin/,
      );
    }
  });

  it('refuses an origin that is not https, except http://localhost', () => {
    for (const origin of ['http://portal.example.com', 'http://10.0.0.8:8080']) {
      expect(() => addAssistanceStacks(appWith({ allowedOrigins: origin })), origin).toThrow(
        /is not https \(http is allowed for localhost only\)/,
      );
    }
  });

  it('refuses what a browser never sends as an origin (a path, a trailing slash, no scheme)', () => {
    for (const origin of [
      'https://portal.example.com/',
      'https://portal.example.com/app',
      'portal.example.com',
    ]) {
      expect(() => addAssistanceStacks(appWith({ allowedOrigins: origin })), origin).toThrow(
        /context "allowedOrigins": ".*" is not an origin/,
      );
    }
  });

  it('control: https origins and http://localhost build the stacks; cdk.json names the key, empty (no origin)', () => {
    const { api } = addAssistanceStacks(
      appWith({ allowedOrigins: 'https://portal.example.com, http://localhost:5173,https://[::1]:8443' }),
    );
    expect(api.stackName).toBe(STACK_NAMES.api);
    expect(cdkContext.allowedOrigins).toBe('');
  });
});
