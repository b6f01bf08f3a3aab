/**
 * CDK entry point (`npx cdk synth`). cdk-nag v3 is a policy-validation plugin: any unacknowledged
 * AwsSolutions error fails the synth, and every acknowledgment carries its reason next to the resource.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HOUSE_MODULES_CONTEXT, bundleSet } from '#infra/constructs/bundling';
import { houseModules, repoRoot } from '#infra/constructs/house-function';
import { addAssistanceStacks, deploymentEnvironment } from '#infra/stacks/assistance';

const app = new App();
// The region is the `region` context's, never the CLI's; the account the CLI's when it knows one (issue 11 §2).
const env = deploymentEnvironment(app);
// Every function bundled in one esbuild run, not one run each (issue 10 §4): the modules are listed first.
const modules = houseModules((probe) => addAssistanceStacks(probe, env));
app.node.setContext(HOUSE_MODULES_CONTEXT, modules);
addAssistanceStacks(app, env);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
try {
  app.synth();
} finally {
  // Each function's asset holds its copy; the shared build output goes.
  bundleSet(app.outdir, repoRoot, modules).dispose();
}
