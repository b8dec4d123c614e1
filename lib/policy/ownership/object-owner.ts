/**
 * Who wrote an object into the local engine: the front end (`tool`) and the stack it acted for.
 *
 * Shared contract of the engine's admin API and its clients (CLI, Terraform plugin): the owner
 * travels in the `Seclb-Owner` request header of every write, is kept in engine state beside the
 * object, and is shown by every read. Plain data, no I/O.
 */
export interface ObjectOwner {
  /** The front end: `seclb-cli`, `terraform-plugin` or `elb-api` (`unknown` only when read back from older state). */
  readonly tool: string;
  /** What identifies the stack to that front end (cdktf stack and state directory, Terraform working directory and workspace). */
  readonly stack: string;
}

/** The outcome of reading a `Seclb-Owner` header value. */
export interface ObjectOwnerParse {
  /** The owner, when the value is well formed. */
  readonly owner?: ObjectOwner;
  /** What is wrong with the value, when it is not. */
  readonly problem?: string;
}

/** Formatting, parsing and comparing `ObjectOwner`s. */
export class ObjectOwners {
  /** The request header that names the writer (HTTP header names are case-insensitive). */
  public static readonly HEADER = 'seclb-owner';
  /** The front ends that may own an object. */
  public static readonly TOOLS: string[] = ['seclb-cli', 'terraform-plugin', 'elb-api'];
  /** The tool recorded for objects written before owners were recorded, or without the header. */
  public static readonly UNKNOWN_TOOL = 'unknown';
  /** Longest stack identifier accepted, in characters. */
  public static readonly MAX_STACK_LENGTH = 1024;

  /** The owner of an object that has none on record. */
  public static unknown(): ObjectOwner {
    return { tool: ObjectOwners.UNKNOWN_TOOL, stack: '' };
  }

  /** The header value for an owner: `tool=<tool>; stack=<stack, percent-encoded>`. */
  public static format(owner: ObjectOwner): string {
    return `tool=${owner.tool}; stack=${encodeURIComponent(owner.stack)}`;
  }

  /** Reads a header value written by `format`; names the problem otherwise. */
  public static parse(value: string): ObjectOwnerParse {
    const fields = new Map<string, string>();
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) return { problem: `'${part.trim().slice(0, 64)}' is not a key=value pair` };
      fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const tool = fields.get('tool');
    if (tool === undefined || !ObjectOwners.TOOLS.includes(tool)) {
      return { problem: `tool must be one of ${ObjectOwners.TOOLS.join(', ')}` };
    }
    let stack: string;
    try {
      stack = decodeURIComponent(fields.get('stack') ?? '');
    } catch {
      return { problem: 'stack is not percent-encoded UTF-8' };
    }
    if (!stack || stack.length > ObjectOwners.MAX_STACK_LENGTH) return { problem: `stack must be 1-${ObjectOwners.MAX_STACK_LENGTH} characters` };
    return { owner: { tool, stack } };
  }

  /** True when both name the same tool and stack (an unknown owner is the same as no one). */
  public static same(a: ObjectOwner, b: ObjectOwner): boolean {
    return a.tool !== ObjectOwners.UNKNOWN_TOOL && a.tool === b.tool && a.stack === b.stack;
  }

  /** True when the owner is on record (not `unknown`). */
  public static known(owner: ObjectOwner): boolean {
    return owner.tool !== ObjectOwners.UNKNOWN_TOOL;
  }

  /** A short label for tables: `seclb-cli:web`, or `unknown`. */
  public static label(owner: ObjectOwner): string {
    return ObjectOwners.known(owner) ? `${owner.tool}:${owner.stack}` : ObjectOwners.UNKNOWN_TOOL;
  }

  /** `tool 'seclb-cli', stack 'web'`, or `an unknown owner (written before owners were recorded)`. */
  public static describe(owner: ObjectOwner): string {
    return ObjectOwners.known(owner) ? `${owner.tool} (stack '${owner.stack}')` : 'an unknown owner (written before owners were recorded, or without the Seclb-Owner header)';
  }

  private constructor() {}
}
