/**
 * The walk-through as a cdktf app. Synthesize it without Terraform:
 *
 *   npm run build && node build/examples/walkthrough/main.js    # or: npx cdktf synth (cdktf.json)
 *
 * and find the Terraform JSON in cdktf.out/stacks/walkthrough/cdk.tf.json. Certificates are
 * generated at run time with openssl (never committed), so each synth uploads a new certificate.
 */
import { App } from 'cdktf';
import { generateWalkthroughCertificates } from './certificates';
import { WalkthroughStack } from './walkthrough-stack';

const app = new App();
new WalkthroughStack(app, 'walkthrough', { certificates: generateWalkthroughCertificates() });
app.synth();
