import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { generateWalkthroughCertificates, WalkthroughCertificates } from '../../examples/walkthrough/certificates';

let cached: WalkthroughCertificates | undefined;

/**
 * Test certificates, generated once per test run (openssl, ~0.7 s) and shared by the test files of
 * that run through a file keyed by the jest parent process.
 */
export function certificates(): WalkthroughCertificates {
  if (cached) return cached;
  const file = join(tmpdir(), `seclb-test-certificates-${process.ppid}.json`);
  if (existsSync(file)) {
    cached = JSON.parse(readFileSync(file, 'utf8')) as WalkthroughCertificates;
    return cached;
  }
  cached = generateWalkthroughCertificates();
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, JSON.stringify(cached), { mode: 0o600 });
  renameSync(partial, file);
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
