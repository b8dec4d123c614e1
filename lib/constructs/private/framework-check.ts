import { dirname, sep } from 'path';
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { throwError } from './errors';

/**
 * Guards against the silent drop: the load balancer's resources are created by an aspect registered
 * through the framework copy this library imports. Aspects are kept under a symbol private to each
 * copy of cdktf / cdktn, so when the app's stack comes from another framework (cdktn vs cdktf) or
 * from a second copy of the same one in node_modules, that aspect never runs and the stack
 * synthesizes without the load balancer, its policies and attachments. The stack itself is still
 * found (stacks are marked with a global symbol), which is what lets this check compare the two.
 */

const RTTI = Symbol.for('jsii.rtti');
const STACK_MARK = Symbol.for('cdktf/TerraformStack');

/** The framework name and version a jsii class declares (`cdktf.TerraformStack`, `0.21.0`). */
function rttiOf(ctor: unknown): { fqn: string; name: string; version: string } | undefined {
  // Own property only: a user's subclass inherits the static marker of the framework class.
  if (typeof ctor !== 'function' || !Object.prototype.hasOwnProperty.call(ctor, RTTI)) return undefined;
  const rtti = (ctor as unknown as { [RTTI]?: { fqn?: string; version?: string } })[RTTI];
  if (!rtti?.fqn) return undefined;
  return { fqn: rtti.fqn, name: rtti.fqn.split('.')[0], version: rtti.version ?? 'unknown version' };
}

/** The package folder a loaded module file lives in (the part up to the last `node_modules/<name>`). */
function packageFolderOf(file: string): string {
  const marker = `${sep}node_modules${sep}`;
  const at = file.lastIndexOf(marker);
  if (at < 0) return dirname(file);
  const rest = file.slice(at + marker.length).split(sep);
  const depth = rest[0].startsWith('@') ? 2 : 1;
  return file.slice(0, at + marker.length) + rest.slice(0, depth).join(sep);
}

/** Where the module that exports `stackClass` as `TerraformStack` was loaded from, if CommonJS knows. */
function folderOfStackClass(stackClass: Function): string {
  for (const [file, mod] of Object.entries(require.cache)) {
    try {
      if ((mod?.exports as { TerraformStack?: unknown } | undefined)?.TerraformStack === stackClass) return packageFolderOf(file);
    } catch {
      // An export object whose getters throw is not the framework's; keep looking.
    }
  }
  return 'an unknown folder';
}

/** The framework copy whose `TerraformStack` class is `stackClass`, as a user can find it: package, version, folder. */
function describe(stackClass: Function): string {
  const rtti = rttiOf(stackClass) ?? { name: 'an unknown framework', version: 'unknown version' };
  return `${rtti.name} ${rtti.version} (loaded from ${folderOfStackClass(stackClass)})`;
}

/** The nearest enclosing stack of `scope`, found by the global stack mark (shared by every copy). */
function enclosingStack(scope: IConstruct): IConstruct | undefined {
  const scopes = scope.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const s = scopes[i] as unknown as Record<symbol, unknown>;
    if (s !== null && typeof s === 'object' && STACK_MARK in s) return scopes[i];
  }
  return undefined;
}

/** The framework class at the root of a user's stack class (`TerraformStack` of whichever copy). */
function frameworkStackClassOf(stack: IConstruct): Function | undefined {
  for (let proto = Object.getPrototypeOf(stack); proto; proto = Object.getPrototypeOf(proto)) {
    const ctor = proto.constructor as Function;
    if (/\.TerraformStack$/.test(rttiOf(ctor)?.fqn ?? '')) return ctor;
  }
  return undefined;
}

/**
 * Fails with `SECLB_FRAMEWORK_MISMATCH`, naming both framework copies, when `scope`'s stack does
 * not come from the framework copy this library imports. Called from every construct's
 * constructor, before anything is registered. A scope outside any stack is left to the framework's
 * own error.
 */
export function assertSameFramework(scope: IConstruct): void {
  const stack = enclosingStack(scope);
  if (!stack || stack instanceof TerraformStack) return;
  const ours = describe(TerraformStack);
  const theirs = frameworkStackClassOf(stack);
  const theirsText = theirs ? describe(theirs) : `a framework whose TerraformStack this library cannot identify`;
  throwError(scope, 'SECLB_FRAMEWORK_MISMATCH', 'scope', `stack '${stack.node.path}' of ${theirsText}`,
    `This construct library was built for ${ours}, but the stack '${stack.node.path}' is a TerraformStack of ${theirsText}. `
    + 'Left alone, synthesis would leave out the load balancer, its policies and attachments: the library creates them from a synth hook '
    + 'registered with its own copy, which the stack\'s copy never runs.',
    'A construct and its stack must come from one copy of one framework (cdktf or cdktn).',
    'install the package built for your framework (cdktf-secure-elb for cdktf apps, cdktn-secure-elb for cdktn apps), '
    + 'remove npm overrides that alias one framework to the other, and make `npm ls cdktf cdktn` show a single copy.');
}
