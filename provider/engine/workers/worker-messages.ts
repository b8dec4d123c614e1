import { LoadBalancerDocument } from '../../../lib/policy/document/load-balancer-document';
import { TlsCapabilities } from '../../../lib/policy/tls/tls-capabilities';
import { ServerCertificateRecord } from '../certificates/server-certificate';
import { SeclbError } from '../errors';
import { InstanceState } from '../health/instance-health';
import { CountersRecord } from '../metrics/load-balancer-counters';
import { HttpBackend } from '../backends/http-backend';
import { HttpFront } from '../listeners/http-front';

/**
 * The IPC protocol between the primary (`WorkerPool`) and its workers (`worker-main.ts`), over the
 * cluster channel. Every request carries an `id`; the worker answers each with one `reply`.
 * Certificates (with private keys) travel only over this private pipe between processes of one
 * engine; they are never logged.
 */
export type PrimaryMessage =
  /** First message: everything a worker needs to compile and serve. */
  | { readonly kind: 'init'; readonly id: number; readonly workerId: number; readonly capabilities: TlsCapabilities; readonly ticketKeySecret: string; readonly accessLogRoot: string; readonly logLevel: string; readonly httpFront: HttpFront; readonly httpBackend: HttpBackend }
  /** Phase 1 of an apply: compile and bind; nothing is live yet. */
  | { readonly kind: 'prepare'; readonly id: number; readonly applyId: number; readonly changes: readonly WireChange[]; readonly certificates: readonly ServerCertificateRecord[] }
  /** Phase 2: make apply `applyId` live; `health` seeds the changed load balancers' instance states first. */
  | { readonly kind: 'commit'; readonly id: number; readonly applyId: number; readonly health: Readonly<Record<string, readonly InstanceState[]>> }
  /** Undo a prepared apply (another worker failed, or the state could not be saved). */
  | { readonly kind: 'rollback'; readonly id: number; readonly applyId: number }
  /** The primary's health checker changed an instance's state. */
  | { readonly kind: 'health'; readonly id: number; readonly name: string; readonly states: readonly InstanceState[] }
  /** Counters of one live load balancer (`name`), or of every one. */
  | { readonly kind: 'counters'; readonly id: number; readonly name?: string }
  /** This worker as `/v1/status` lists it (its data plane's own view). */
  | { readonly kind: 'view'; readonly id: number }
  /** Instances draining in this worker. */
  | { readonly kind: 'draining'; readonly id: number; readonly name: string }
  /** Close every listener and connection, then exit. */
  | { readonly kind: 'stop'; readonly id: number };

/** A load balancer to put live (its canonical document) or to remove (`document` null). */
export interface WireChange {
  readonly name: string;
  readonly document: LoadBalancerDocument | null;
}

/** What a worker sends. */
export type WorkerMessage =
  /** Sent once the worker listens for messages (the primary sends `init` after it). */
  | { readonly kind: 'hello' }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: true; readonly data?: unknown }
  | { readonly kind: 'reply'; readonly id: number; readonly ok: false; readonly error: WireError };

/** The answer to `counters`. */
export interface WorkerCounters {
  readonly loadBalancers: ReadonlyArray<{ readonly name: string; readonly counters: CountersRecord }>;
}

/** An error as it crosses the channel; a `SeclbError` keeps its code, status and details. */
export interface WireError {
  readonly code?: string;
  readonly message: string;
  readonly httpStatus?: number;
  readonly details?: Record<string, unknown>;
}

/** Encodes an error for the channel. */
export function toWireError(e: unknown): WireError {
  if (e instanceof SeclbError) return { code: e.code, message: e.message, httpStatus: e.httpStatus, details: e.details };
  return { message: (e as Error)?.message ?? String(e) };
}

/** Decodes an error from the channel: the same `SeclbError`, or a plain `Error`. */
export function fromWireError(w: WireError): Error {
  if (!w.code) return new Error(w.message);
  return new SeclbError(w.code, w.message, { httpStatus: w.httpStatus, details: w.details });
}
