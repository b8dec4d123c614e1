import { Worker } from 'cluster';
import { EngineErrors } from '../errors';
import { fromWireError, PrimaryMessage, WorkerMessage } from './worker-messages';

/** A request to a worker, without its id (the channel numbers requests). */
export type WorkerRequest = PrimaryMessage extends infer M ? M extends { id: number } ? Omit<M, 'id'> : never : never;

/** How long a worker may take to answer one request before it counts as failed. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The primary's end of one worker's IPC channel: numbered requests, one reply each, bounded by a
 * timeout; every pending request fails at once when the worker exits.
 */
export class WorkerChannel {
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  constructor(public readonly workerId: number, public readonly worker: Worker) {
    // A send to a worker that just died fails asynchronously (EPIPE); the request fails with it and
    // the exit handler replaces the worker. Without a listener the error would end the primary.
    worker.on('error', () => undefined);
    worker.on('message', (m: WorkerMessage) => {
      if (m?.kind !== 'reply') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.data);
      else p.reject(fromWireError(m.error));
    });
  }

  /** The worker's process id. */
  public get pid(): number {
    return this.worker.process.pid ?? 0;
  }

  /** Sends a request; resolves with the worker's answer, rejects with its error (or on exit/timeout). */
  public request<T = unknown>(message: WorkerRequest, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(EngineErrors.workerFailed(this.workerId, message.kind, `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      const failed = (e: Error) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        reject(EngineErrors.workerFailed(this.workerId, message.kind, e.message));
      };
      if (!this.worker.isConnected()) return failed(new Error('its channel is closed'));
      try {
        this.worker.send({ ...message, id } as PrimaryMessage, (e: Error | null) => { if (e) failed(e); });
      } catch (e) {
        failed(e as Error);
      }
    });
  }

  /** Fails every pending request (the worker exited). */
  public failAll(reason: string): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(EngineErrors.workerFailed(this.workerId, 'answer', reason));
      this.pending.delete(id);
    }
  }
}
