import * as net from 'net';

/** How often `HandshakeDeadlines` looks for expired handshakes by default: 1 s. */
export const HANDSHAKE_SWEEP_MS = 1_000;

/**
 * The client TLS handshakes in progress on one front-end port, each given a deadline, all watched
 * by one timer. A per-connection socket timeout would allocate a timer, a closure and a `once`
 * wrapper for every new TLS connection and clear them again a millisecond later; here a
 * connection costs one map entry. The timer runs only while a handshake is pending; it fires every
 * `sweepMs`, so a handshake is given up between `timeoutMs` and `timeoutMs + sweepMs` after it
 * started (ELB documents no exact handshake deadline). Handshakes are kept in start order, so a
 * sweep stops at the first one still within its time.
 */
export class HandshakeDeadlines {
  /** Pending handshakes (by the client's TCP socket) with the sweep count at their start. */
  private readonly pending = new Map<net.Socket, number>();
  private sweeps = 0;
  private timer?: NodeJS.Timeout;
  /** Sweeps a handshake may see before it is given up. */
  private readonly allowedSweeps: number;

  /**
   * @param timeoutMs how long a handshake may take
   * @param expired called once for each handshake given up (it is no longer pending then)
   * @param sweepMs how often to look; @default HANDSHAKE_SWEEP_MS
   */
  constructor(timeoutMs: number, private readonly expired: (socket: net.Socket) => void, private readonly sweepMs = HANDSHAKE_SWEEP_MS) {
    // A handshake started just after a sweep has lived almost a whole interval by the next one.
    this.allowedSweeps = Math.ceil(timeoutMs / sweepMs);
  }

  /** Starts the deadline of `socket`'s handshake. */
  public start(socket: net.Socket): void {
    this.pending.set(socket, this.sweeps);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.sweepMs);
      this.timer.unref();
    }
  }

  /**
   * Ends `socket`'s handshake (done, failed or abandoned) before its deadline.
   * @returns true if it was still pending (so this call is the one that ended it)
   */
  public end(socket: net.Socket): boolean {
    return this.pending.delete(socket);
  }

  /** Handshakes now pending (for tests). */
  public get size(): number {
    return this.pending.size;
  }

  /** The sweep timer runs (exactly while a handshake is pending, or until the sweep after the last one ended). */
  public get watching(): boolean {
    return this.timer !== undefined;
  }

  /** Stops watching: pending handshakes keep going without a deadline. */
  public clear(): void {
    this.pending.clear();
    this.stopTimer();
  }

  private sweep(): void {
    const now = ++this.sweeps;
    for (const [socket, startedAt] of this.pending) {
      if (now - startedAt <= this.allowedSweeps) break;
      this.pending.delete(socket);
      this.expired(socket);
    }
    if (this.pending.size === 0) this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
