/**
 * The walk-through as a cdktf app. Synthesize it without Terraform:
 *
 *   npm run build && node build/examples/walkthrough/main.js    # or: npx cdktf synth (cdktf.json)
 *
 * and find the Terraform JSON in cdktf.out/stacks/walkthrough/cdk.tf.json. Certificates are
 * generated at run time with openssl (never committed), so each synth uploads a new certificate,
 * unless SECLB_WALKTHROUGH_CERTIFICATES names a JSON file: then they are read from it (and written
 * to it, mode 0600, the first time), so repeated synths of a local deployment plan only what changed.
 *
 * For the local engine: context `seclb:target=local` (and the local options in `seclb:local`), e.g.
 *
 *   CDKTF_CONTEXT_JSON='{"seclb:target":"local","seclb:local":{"listenerPorts":{"80":8080,"443":8443}}}' \
 *     node build/examples/walkthrough/main.js
 *
 * The context key `walkthrough:cipherPolicy` (CipherPolicyProps as JSON) replaces the custom cipher
 * policy, e.g. `{"basedOn":"ELBSecurityPolicy-2016-08","enable":["DHE-RSA-AES256-SHA"],"disable":["Protocol-SSLv3","Protocol-TLSv1"]}`
 * drops TLS 1.0 (what `npm run demo` does).
 */
import { App } from 'cdktf';
import { CipherPolicyProps } from '../../lib';
import { loadWalkthroughCertificates } from './certificates';
import { WalkthroughStack } from './walkthrough-stack';

const app = new App();
const cipherPolicy = app.node.tryGetContext('walkthrough:cipherPolicy') as CipherPolicyProps | string | undefined;
new WalkthroughStack(app, 'walkthrough', {
  certificates: loadWalkthroughCertificates(process.env.SECLB_WALKTHROUGH_CERTIFICATES),
  ...(cipherPolicy ? { cipherPolicy: typeof cipherPolicy === 'string' ? JSON.parse(cipherPolicy) : cipherPolicy } : {}),
});
app.synth();
