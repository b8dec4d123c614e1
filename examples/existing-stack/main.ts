/**
 * The existing-stack example as a cdktf app: a VPC, two subnets, a security group, two EC2
 * instances and an ACM certificate, with two secure Classic ELBs composed into it. Synthesize it
 * without Terraform:
 *
 *   npm run build && node build/examples/existing-stack/main.js
 *
 * and find the Terraform JSON in cdktf.out/stacks/existing-stack/cdk.tf.json. Certificates are
 * generated at run time with openssl unless SECLB_EXISTING_STACK_CERTIFICATES names a JSON file to
 * keep them in (written mode 0600 the first time). The deployment target comes from the context
 * key `seclb:target` (`aws`, the default, or `local`), as in the walk-through.
 */
import { App } from 'cdktf';
import { loadWalkthroughCertificates } from '../walkthrough/certificates';
import { ExistingStack } from './existing-stack';

const app = new App();
new ExistingStack(app, 'existing-stack', {
  certificates: loadWalkthroughCertificates(process.env.SECLB_EXISTING_STACK_CERTIFICATES),
});
app.synth();
