/**
 * Errors of the local target (`SECLB_TARGET_LOCAL_*`), thrown at synth. Each message leads with
 * its stable code and names the option, the value, the rule and the fix. Internal to the package.
 */

/** The stable codes of the local target. Never reused or renamed. */
export const LOCAL_TARGET_CODES = {
  /** An `instanceAddresses` value is not a loopback address. */
  BAD_ADDRESS: 'SECLB_TARGET_LOCAL_BAD_ADDRESS',
  /** A `listenerPorts` / `instancePorts` key or value is not a port. */
  BAD_PORT: 'SECLB_TARGET_LOCAL_BAD_PORT',
  /** `adminAddress` is not a loopback http:// URL. */
  ADMIN_NOT_LOOPBACK: 'SECLB_TARGET_LOCAL_ADMIN_NOT_LOOPBACK',
  /** Two local targets in one stack disagree on the provider settings. */
  CONFLICTING_OPTIONS: 'SECLB_TARGET_LOCAL_CONFLICTING_OPTIONS',
  /** A value the local target must read is an unresolved token. */
  UNRESOLVED_TOKEN: 'SECLB_TARGET_LOCAL_UNRESOLVED_TOKEN',
  /** The `seclb:local` app context is not an options object. */
  BAD_CONTEXT: 'SECLB_TARGET_LOCAL_BAD_CONTEXT',
  /** More instances than default loopback addresses. */
  TOO_MANY_INSTANCES: 'SECLB_TARGET_LOCAL_TOO_MANY_INSTANCES',
  /** A listener certificate the engine cannot have (ARN or token) while `certificateStandIns` is false. */
  UNMAPPED_CERTIFICATE: 'SECLB_TARGET_LOCAL_UNMAPPED_CERTIFICATE',
  /** No local port is free above a listener's port for a load balancer whose port an earlier one has. */
  NO_FREE_PORT: 'SECLB_TARGET_LOCAL_NO_FREE_PORT',
} as const;

function fail(code: string, what: string, rule: string, fix: string): Error {
  const error = new Error(`${code}: ${what}\n  Rule: ${rule}\n  Fix: ${fix}`);
  (error as Error & { code: string }).code = code;
  return error;
}

/** Factories for the local target's errors. */
export const LocalTargetErrors = {
  badAddress(instanceId: string, value: unknown): Error {
    return fail(LOCAL_TARGET_CODES.BAD_ADDRESS, `instanceAddresses['${instanceId}'] is ${JSON.stringify(value)}, which is not a loopback address.`,
      'the local engine sends traffic to loopback only: an IPv4 address in 127.0.0.0/8 or ::1.',
      `map '${instanceId}' to an address such as '127.0.0.11'.`);
  },
  badPort(option: string, key: string, value: unknown): Error {
    return fail(LOCAL_TARGET_CODES.BAD_PORT, `${option}['${key}'] is ${JSON.stringify(value)}, which does not map a port to a port.`,
      'keys and values are whole numbers 1-65535 (keys as strings in JSON, e.g. { "443": 8443 }).',
      `write ${option}: { '${/^\d+$/.test(key) ? key : '443'}': <a port 1024-65535> }.`);
  },
  adminNotLoopback(value: string): Error {
    return fail(LOCAL_TARGET_CODES.ADMIN_NOT_LOOPBACK, `adminAddress is '${value}', which is not a loopback http:// URL.`,
      'the engine\'s admin API listens on 127.0.0.1 only.',
      'use http://127.0.0.1:<port> (see engine.json in the state directory), or leave adminAddress out.');
  },
  conflictingOptions(stack: string, option: string, first: string, second: string): Error {
    return fail(LOCAL_TARGET_CODES.CONFLICTING_OPTIONS,
      `stack '${stack}' uses two local targets whose ${option} differ ('${first}' and '${second}').`,
      'a stack has one seclb provider block, so one state directory and one admin address.',
      `pass the same ${option} to every DeploymentTarget.local(...) of the stack (or share one target).`);
  },
  unresolvedToken(path: string, value?: string): Error {
    if (value !== undefined) {
      return fail(LOCAL_TARGET_CODES.UNRESOLVED_TOKEN, `${path} is the token ${value}, which names no resource of this stack.`,
        'the local target maps an instance token by the construct path of the resource it references (e.g. an aws_instance\'s id); a variable or a function result has none.',
        `reference a resource of the stack (e.g. instance.id), or use a literal instance id mapped with instanceAddresses when synthesizing for the local target.`);
    }
    return fail(LOCAL_TARGET_CODES.UNRESOLVED_TOKEN, `${path} is an unresolved token (a reference to another resource).`,
      'the local target writes literal values: the engine has no Terraform references to resolve.',
      `use a literal value for ${path} when synthesizing for the local target.`);
  },
  unmappedCertificate(loadBalancer: string, port: number, value: string): Error {
    return fail(LOCAL_TARGET_CODES.UNMAPPED_CERTIFICATE,
      `load balancer '${loadBalancer}' listener ${port} certificate is ${value}, which the local engine cannot have, and certificateStandIns is false.`,
      'the engine serves certificates uploaded to it; an ACM or IAM ARN (or a reference to one) has no key material here.',
      'leave certificateStandIns unset (a self-signed stand-in is generated and kept in the state directory), or give the listener a ServerCertificate with PEM material.');
  },
  noFreePort(loadBalancer: string, port: number, from: number): Error {
    return fail(LOCAL_TARGET_CODES.NO_FREE_PORT,
      `load balancer '${loadBalancer}' listener ${port} needs a local port, and no port above ${from} is free of earlier load balancers of the stack.`,
      'locally every load balancer binds its own ports on 127.0.0.1.',
      `give it one with loadBalancerPorts: { '${loadBalancer}': { '${port}': <a free port> } }.`);
  },
  badContext(key: string, value: unknown): Error {
    return fail(LOCAL_TARGET_CODES.BAD_CONTEXT, `the app context '${key}' is ${JSON.stringify(value)}, which is not an options object.`,
      `'${key}' holds LocalTargetOptions as a JSON object (stateDirectory, adminAddress, instanceAddresses, listenerPorts, instancePorts).`,
      `set it to e.g. { "listenerPorts": { "443": 8443, "80": 8080 } } in the context of cdktf.json or CDKTF_CONTEXT_JSON.`);
  },
  tooManyInstances(instanceId: string): Error {
    return fail(LOCAL_TARGET_CODES.TOO_MANY_INSTANCES, `instance '${instanceId}' has no default loopback address left (127.0.0.11-127.255.255.254 are taken).`,
      'without instanceAddresses, the n-th instance of a stack gets the (10+n)-th address of 127.0.0.0/8.',
      `give '${instanceId}' an address with instanceAddresses.`);
  },
};
