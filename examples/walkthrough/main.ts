/**
 * The walk-through as a cdktf app. Synthesize it without Terraform:
 *
 *   npm run build && node build/examples/walkthrough/main.js    # or: npx cdktf synth (cdktf.json)
 *
 * and find the Terraform JSON in cdktf.out/stacks/walkthrough/cdk.tf.json. Certificates are
 * generated with openssl the first time (never committed) and kept in
 * `.seclb/walkthrough-certificates/` of the current directory (keys 0600, folder 0700), so an
 * unchanged app synthesizes the same stack every time; they are generated again only when missing
 * or about to expire. SECLB_WALKTHROUGH_CERTIFICATES may name a JSON file to keep them in instead.
 *
 * For the local engine: context `seclb:target=local` (and the local options in `seclb:local`), e.g.
 * examples/walkthrough/local/cdktf.json, or
 *
 *   CDKTF_CONTEXT_JSON='{"seclb:target":"local","seclb:local":{"listenerPorts":{"80":18080,"443":18443}}}' \
 *     node build/examples/walkthrough/main.js
 *
 * The context key `walkthrough:cipherPolicy` (CipherPolicyProps as JSON) replaces the custom cipher
 * policy, e.g. `{"basedOn":"ELBSecurityPolicy-2016-08","enable":["DHE-RSA-AES256-SHA"],"disable":["Protocol-SSLv3","Protocol-TLSv1"]}`
 * drops TLS 1.0 (what `npm run demo` does).
 */
import { App } from 'cdktf';
import { CipherPolicyProps } from '../../lib';
import { loadWalkthroughCertificates, persistedWalkthroughCertificates } from './certificates';
import { WalkthroughStack } from './walkthrough-stack';

const app = new App();
const cipherPolicy = app.node.tryGetContext('walkthrough:cipherPolicy') as CipherPolicyProps | string | undefined;
new WalkthroughStack(app, 'walkthrough', {
  certificates: process.env.SECLB_WALKTHROUGH_CERTIFICATES
    ? loadWalkthroughCertificates(process.env.SECLB_WALKTHROUGH_CERTIFICATES)
    : persistedWalkthroughCertificates(),
  ...(cipherPolicy ? { cipherPolicy: typeof cipherPolicy === 'string' ? JSON.parse(cipherPolicy) : cipherPolicy } : {}),
});
app.synth();
