import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { generateWalkthroughCertificates, WalkthroughCertificates } from '../../examples/walkthrough/certificates';

let cached: WalkthroughCertificates | undefined;

/** Test certificates, generated once per test file (openssl, ~0.7 s). */
export function certificates(): WalkthroughCertificates {
  cached ??= generateWalkthroughCertificates();
  return cached;
}

/** A fresh stack with an AWS provider, in a testing app with optional context. */
export function newStack(context?: { [key: string]: any }): TerraformStack {
  const app = Testing.app({ context });
  const stack = new TerraformStack(app, 'stack');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return stack;
}

/** Builds with `fn` in a fresh stack and returns the parsed synthesized JSON. */
export function synthJson(fn: (stack: Construct) => void, context?: { [key: string]: any }): any {
  const stack = newStack(context);
  fn(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The resources of one type in a parsed synthesized JSON, as a list. */
export function resources(json: any, type: string): any[] {
  return Object.values(json.resource?.[type] ?? {});
}

/** The cdktf annotations of a given level (`warn`, `info`, `error`) anywhere under `scope`, as "path: text". */
export function annotations(scope: Construct, level: 'warn' | 'info' | 'error'): string[] {
  const out: string[] = [];
  for (const node of scope.node.findAll()) {
    for (const m of node.node.metadata) {
      if (m.type === `@cdktf/${level}`) out.push(`${node.node.path}: ${m.data}`);
    }
  }
  return out;
}
