/**
 * The engine's error registry: its codes and one factory per failure; the engine's errors are
 * the shared base `SeclbError` itself (`lib/contract/seclb-error.ts`).
 *
 * Match on `code`, never on the message. Codes are never reused or renamed. The code also leads the
 * message text, so callers that only see the message still see the code.
 */

import { Findings } from '../../lib/policy/findings';
import { ObjectOwner, ObjectOwners } from '../../lib/policy/ownership/object-owner';
import { SeclbError } from '../../lib/contract/seclb-error';

/**
 * The engine's errors are the shared base class itself (`lib/contract/seclb-error.ts`): the admin
 * server answers with its `httpStatus` and `details`, and a worker's error crosses the channel as one.
 */
export { SeclbError };

/** An engine error: `code`, message, the admin API's HTTP status (default 500) and details. */
function engineError(code: string, message: string, httpStatus = 500, details?: Record<string, unknown>): SeclbError {
  return new SeclbError(code, message, { httpStatus, details });
}

/** Every engine error code, in one place. */
export const ENGINE_CODES = {
  STATE_CORRUPT: 'SECLB_ENGINE_STATE_CORRUPT',
  STATE_DIR: 'SECLB_ENGINE_STATE_DIR',
  STATE_LOCKED: 'SECLB_ENGINE_STATE_LOCKED',
  PORT_IN_USE: 'SECLB_ENGINE_PORT_IN_USE',
  PORT_CONFLICT: 'SECLB_ENGINE_PORT_CONFLICT',
  INVALID_DOCUMENT: 'SECLB_ENGINE_INVALID_DOCUMENT',
  STALE_REVISION: 'SECLB_ENGINE_STALE_REVISION',
  NOT_FOUND: 'SECLB_ENGINE_NOT_FOUND',
  UNAUTHORIZED: 'SECLB_ENGINE_UNAUTHORIZED',
  BAD_REQUEST: 'SECLB_ENGINE_BAD_REQUEST',
  METHOD_NOT_ALLOWED: 'SECLB_ENGINE_METHOD_NOT_ALLOWED',
  CERTIFICATE_INVALID: 'SECLB_ENGINE_CERTIFICATE_INVALID',
  CERTIFICATE_IN_USE: 'SECLB_ENGINE_CERTIFICATE_IN_USE',
  OWNER_CONFLICT: 'SECLB_ENGINE_OWNER_CONFLICT',
  BACKEND_PIN_MISMATCH: 'SECLB_ENGINE_BACKEND_PIN_MISMATCH',
  BACKEND_NO_CERTIFICATE: 'SECLB_ENGINE_BACKEND_NO_CERTIFICATE',
  BAD_OPTION: 'SECLB_ENGINE_BAD_OPTION',
  APPLY_FAILED: 'SECLB_ENGINE_APPLY_FAILED',
  INTERNAL: 'SECLB_ENGINE_INTERNAL',
  START_FAILED: 'SECLB_ENGINE_START_FAILED',
  WORKER_FAILED: 'SECLB_ENGINE_WORKER_FAILED',
  BODY_TOO_LARGE: 'SECLB_ENGINE_BODY_TOO_LARGE',
  BODY_TOO_DEEP: 'SECLB_ENGINE_BODY_TOO_DEEP',
  UNSUPPORTED_MEDIA_TYPE: 'SECLB_ENGINE_UNSUPPORTED_MEDIA_TYPE',
} as const;

/**
 * Codes of the findings the engine adds to the policy model's own (what only a local engine can
 * check: certificates it holds, loopback addresses, OpenSSL accepting the material). They travel in
 * `error.findings` of a 400 like the model's findings.
 */
export const ENGINE_FINDING_CODES = {
  UNKNOWN_CERTIFICATE: 'SECLB_ENGINE_UNKNOWN_CERTIFICATE',
  TLS_CONTEXT: 'SECLB_ENGINE_TLS_CONTEXT',
  PUBLIC_KEY: 'SECLB_ENGINE_PUBLIC_KEY',
  INSTANCE_ADDRESS: 'SECLB_ENGINE_INSTANCE_ADDRESS',
  HEALTH_TARGET: 'SECLB_ENGINE_HEALTH_TARGET',
  NAME_MISMATCH: 'SECLB_ENGINE_NAME_MISMATCH',
} as const;

/** Codes that lead structured log lines (and internal failure markers) rather than API errors. */
export const ENGINE_LOG_CODES = {
  /** A policy enables attributes this OpenSSL cannot negotiate; they are not offered. */
  UNENFORCEABLE: 'SECLB_ENGINE_UNENFORCEABLE',
  /** Nothing a listener's policy enables can be negotiated here; every handshake is refused. */
  CANNOT_NEGOTIATE: 'SECLB_ENGINE_CANNOT_NEGOTIATE',
  /** A back end did not answer within the idle timeout (the client gets 504). */
  BACKEND_TIMEOUT: 'SECLB_ENGINE_BACKEND_TIMEOUT',
  /** In-flight work to a deregistered instance was closed (draining disabled or its timeout expired). */
  DEREGISTERED: 'SECLB_ENGINE_DEREGISTERED',
  /** A worker process of a multi-worker engine exited unexpectedly; a replacement is started with the live state. */
  WORKER_EXITED: 'SECLB_ENGINE_WORKER_EXITED',
  /** A worker could not commit an apply the others committed; it is replaced with the live state. */
  WORKER_COMMIT_FAILED: 'SECLB_ENGINE_WORKER_COMMIT_FAILED',
  /** Internal marker: the engine aborted a back-end request because the client closed its connection first. */
  CLIENT_CLOSED: 'SECLB_CLIENT_CLOSED',
  /** The lean back-end client: the back end closed or reset the connection before its response was complete. */
  BACKEND_CLOSED: 'SECLB_ENGINE_BACKEND_CLOSED',
  /** The lean back-end client: a response no request asked for (unsolicited bytes, `100 Continue`, an upgrade); 502. */
  BACKEND_BAD_RESPONSE: 'SECLB_ENGINE_BACKEND_BAD_RESPONSE',
  /** The lean back-end client: a request HTTP/1.1 cannot carry to the instance as it came (bad path, header or method); 400. */
  BACKEND_REQUEST_INVALID: 'SECLB_ENGINE_BACKEND_REQUEST_INVALID',
  /** The lean back-end client: the request was cut off (its body ended early or ran past its length, or the pool closed); 502. */
  BACKEND_REQUEST_ABORTED: 'SECLB_ENGINE_BACKEND_REQUEST_ABORTED',
} as const;

/** Factories: each names the thing, the value, the rule and the fix. */
export const EngineErrors = {
  stateCorrupt(file: string, reason: string): SeclbError {
    return engineError(ENGINE_CODES.STATE_CORRUPT,
      `the state file '${file}' cannot be read: ${reason}. ` +
      'Rule: the engine never starts with an empty state in place of a damaged one. ' +
      'Fix: restore the file from a backup, or move it away to start an empty engine on purpose.');
  },
  stateDir(dir: string, reason: string): SeclbError {
    return engineError(ENGINE_CODES.STATE_DIR,
      `the state directory '${dir}' is not usable: ${reason}. Fix: pass --state-dir with a directory the engine may create and write.`);
  },
  stateLocked(dir: string, pid: number): SeclbError {
    return engineError(ENGINE_CODES.STATE_LOCKED,
      `the state directory '${dir}' belongs to the engine running as pid ${pid}. ` +
      'Rule: one engine per state directory, or they would overwrite each other\'s state. ' +
      'Fix: use that engine\'s admin API, stop it first, or pass another --state-dir.');
  },
  portInUse(name: string, port: number, reason: string): SeclbError {
    return engineError(ENGINE_CODES.PORT_IN_USE,
      `load balancer '${name}' needs port ${port} on 127.0.0.1, which cannot be bound (${reason}). ` +
      'Rule: an apply binds every new listener port before anything changes, and rolls back when one fails. ' +
      'Fix: free the port or choose another loadBalancerPort. Live state is unchanged.', 409, { port });
  },
  portConflict(name: string, port: number, owner: string): SeclbError {
    return engineError(ENGINE_CODES.PORT_CONFLICT,
      `load balancer '${name}' declares listener port ${port}, which load balancer '${owner}' already uses. ` +
      'Rule: each listener port belongs to one load balancer of the engine. Fix: choose another loadBalancerPort.', 409, { port, owner });
  },
  invalidDocument(name: string, findings: unknown[], summary: string): SeclbError {
    return engineError(ENGINE_CODES.INVALID_DOCUMENT,
      `the document for load balancer '${name}' is invalid (${findings.length} finding(s)); nothing was changed.\n${summary}`,
      400, { findings });
  },
  staleRevision(name: string, expected: number | null, live: number | null): SeclbError {
    return engineError(ENGINE_CODES.STALE_REVISION,
      `load balancer '${name}' is at revision ${live ?? 'none (absent)'}, but the write was planned against ${expected ?? 'none (absent)'}. ` +
      'Rule: a write names the revision it was planned against (optimistic concurrency). ' +
      'Fix: read the live state again, re-plan, and retry with its revision.', 409, { expectedRevision: expected, liveRevision: live });
  },
  notFound(kind: string, name: string): SeclbError {
    return engineError(ENGINE_CODES.NOT_FOUND, `${kind} ${Findings.quote(name)} does not exist in this engine. Fix: check the name, or create it first.`, 404);
  },
  unauthorized(): SeclbError {
    return engineError(ENGINE_CODES.UNAUTHORIZED,
      'the request carries no valid bearer token. Rule: every admin request needs `Authorization: Bearer <token>`, ' +
      'the token kept in <stateDir>/admin-token. Fix: send that header. Nothing was changed.', 401);
  },
  badRequest(what: string, value: string, rule: string, fix: string): SeclbError {
    return engineError(ENGINE_CODES.BAD_REQUEST, `${what} is ${value}. Rule: ${rule}. Fix: ${fix}. Nothing was changed.`, 400);
  },
  bodyTooLarge(size: string, limit: number): SeclbError {
    return engineError(ENGINE_CODES.BODY_TOO_LARGE,
      `the request body is ${size}, over the limit of ${limit} bytes. ` +
      'Rule: an admin request carries one load-balancer document or one certificate (a large document is ~20 KB). ' +
      'Fix: send one load balancer or certificate per request. Nothing was changed.', 413, { limit });
  },
  bodyTooDeep(limit: number): SeclbError {
    return engineError(ENGINE_CODES.BODY_TOO_DEEP,
      `the request body nests arrays and objects more than ${limit} levels deep. ` +
      `Rule: admin documents nest a few levels (a load-balancer write about 7); deeper JSON is refused unread. ` +
      'Fix: send the canonical document the local target synthesizes. Nothing was changed.', 400, { maxDepth: limit });
  },
  unsupportedMediaType(given: string): SeclbError {
    return engineError(ENGINE_CODES.UNSUPPORTED_MEDIA_TYPE,
      `the request's Content-Type is ${given}. Rule: admin writes carry JSON and say so ` +
      '(`Content-Type: application/json`, optionally with `charset=utf-8`). Fix: send that header. Nothing was changed.', 415);
  },
  methodNotAllowed(method: string, path: string, allowed: string[]): SeclbError {
    return engineError(ENGINE_CODES.METHOD_NOT_ALLOWED,
      `${method} is not allowed on ${Findings.quote(path)}. Fix: use one of ${allowed.join(', ')}.`, 405, { allowed });
  },
  certificateInvalid(name: string, findings: unknown[], summary: string): SeclbError {
    return engineError(ENGINE_CODES.CERTIFICATE_INVALID,
      `server certificate '${name}' was refused; nothing was changed.\n${summary}`, 400, { findings });
  },
  ownerConflict(kind: string, name: string, owner: ObjectOwner, requester: ObjectOwner | undefined): SeclbError {
    return engineError(ENGINE_CODES.OWNER_CONFLICT,
      `${kind} '${name}' belongs to ${ObjectOwners.describe(owner)}; this delete comes from ${requester ? ObjectOwners.describe(requester) : 'a client that sent no Seclb-Owner header'}. ` +
      'Rule: an object is deleted only by the tool and stack that created it. ' +
      'Fix: delete it from its owner (its stack\'s `seclb destroy` or `terraform destroy`), or, when that owner is gone, repeat the delete with ?forceOwner=true (`--force-owner`). Nothing was changed.',
      409, { owner, ...(requester ? { requester } : {}) });
  },
  certificateInUse(name: string, users: string[]): SeclbError {
    return engineError(ENGINE_CODES.CERTIFICATE_IN_USE,
      `server certificate '${name}' is used by ${users.join(', ')}. Rule: a certificate a listener names cannot be deleted. ` +
      'Fix: point those listeners at another certificate first.', 409, { users });
  },
  backendPinMismatch(instance: string, port: number, policy: string): SeclbError {
    return engineError(ENGINE_CODES.BACKEND_PIN_MISMATCH,
      `back end '${instance}' port ${port} presented a public key that matches none of the keys of policy '${policy}'. ` +
      'Rule: BackendServerAuthenticationPolicyType accepts a back end only if its key matches one PublicKeyPolicyType key. ' +
      'Fix: pin the key the back end really uses, or deploy the pinned certificate on the back end.', 502);
  },
  backendNoCertificate(instance: string, port: number): SeclbError {
    return engineError(ENGINE_CODES.BACKEND_NO_CERTIFICATE,
      `back end '${instance}' port ${port} presented no certificate, so its key cannot be checked against the pinned keys. ` +
      'Fix: serve a certificate on the back end.', 502);
  },
  badOption(option: string, value: string, rule: string, example: string): SeclbError {
    return engineError(ENGINE_CODES.BAD_OPTION, `option ${option} is '${value}'. Rule: ${rule}. Fix: e.g. ${option} ${example}.`);
  },
  workerFailed(workerId: number, what: string, reason: string): SeclbError {
    return engineError(ENGINE_CODES.WORKER_FAILED,
      `worker ${workerId} failed to ${what}: ${reason}. Nothing was changed; the worker is replaced with the live state. ` +
      'Fix: retry the request; if it keeps failing, see the engine log (stderr) for the worker\'s error, or run with --workers 1.', 503);
  },
  elbApiListen(port: number, reason: string): SeclbError {
    return new SeclbError(ENGINE_CODES.START_FAILED,
      `the ELB API cannot listen on 127.0.0.1:${port} (${reason}). Rule: the ELB API has a loopback port of its own. ` +
      'Fix: pass another --elb-api-port, or 0 for a free one. The engine did not start.');
  },
  applyFailed(name: string, reason: string): SeclbError {
    return engineError(ENGINE_CODES.APPLY_FAILED,
      `applying load balancer '${name}' failed: ${reason}. Live state was rolled back and is unchanged.`, 500);
  },
};
