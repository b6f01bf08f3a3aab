/**
 * CDK entry point (`npx cdk synth`). cdk-nag v3 is a policy-validation plugin: any unacknowledged
 * AwsSolutions error fails the synth, and every acknowledgment carries its reason next to the resource.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addAssistanceStacks } from '#infra/stacks/assistance';

const app = new App();
const { CDK_DEFAULT_ACCOUNT: account, CDK_DEFAULT_REGION: region } = process.env;
// Environment-agnostic unless the CLI knows the target (credentials or --profile).
addAssistanceStacks(app, account || region ? { account, region } : undefined);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
