import * as net from 'net';
import { streamWrap } from '../common/stream-wrap';

/** The parts of a socket's native stream handle (TCPWrap, TLSWrap) read here, as Node's own `net` uses them. */
interface StreamHandle {
  onread: (this: StreamHandle, arrayBuffer: ArrayBuffer) => unknown;
  reading: boolean;
  readStart(): number;
  readStop(): number;
  [READER]?: NativeReads;
}
type SocketInternals = net.Socket & { _handle?: StreamHandle | null; _unrefTimer(): void; _readableState: { ended: boolean } };

/** The reader that took a handle over. */
const READER = Symbol('seclb.nativeReads');

/**
 * Reads a socket straight from its native handle, as Node's HTTP server does (see
 * `LeanHttpConnection`): each read's bytes go to `sink` with no stream machinery in between (no
 * push, no buffering, no 'data' event). End of stream and read errors are handed back to Node's
 * own read path, so 'end', 'error' and 'close' come as before; the idle timer is refreshed on each
 * read as Node does. `pause`/`resume` stop and restart reading on the handle (back-pressure).
 */
export class NativeReads {
  /**
   * Takes over `socket`'s reads; bytes Node has already read into the stream's buffer go to `sink`
   * first. Returns undefined (nothing taken over, the caller reads with 'data' events) when the
   * handle or Node's internals are not there, or the stream has already ended.
   */
  public static take(socket: net.Socket, sink: (chunk: Buffer) => void): NativeReads | undefined {
    const s = socket as SocketInternals;
    const handle = s._handle;
    if (!streamWrap || !handle || typeof handle.onread !== 'function' || typeof handle.readStart !== 'function' || s._readableState?.ended) return undefined;
    let buffered: Buffer | null;
    while ((buffered = socket.read() as Buffer | null) !== null) sink(buffered);
    if (s._readableState.ended || socket.destroyed) return undefined;
    const reads = new NativeReads(s, handle, handle.onread, sink);
    handle[READER] = reads;
    handle.onread = onNativeRead;
    reads.resume();
    return reads;
  }

  private ended = false;

  private constructor(private readonly socket: SocketInternals, private readonly handle: StreamHandle,
    private readonly nodeOnRead: StreamHandle['onread'], private readonly sink: (chunk: Buffer) => void) {}

  /** Stops reading (the other side is full). */
  public pause(): void {
    if (!this.handle.reading) return;
    this.handle.reading = false;
    this.handle.readStop();
  }

  /** Reads again. */
  public resume(): void {
    if (this.handle.reading || this.ended || this.socket.destroyed) return;
    this.handle.reading = true;
    this.handle.readStart();
  }

  /** One read's result, from the handle. */
  public read(handle: StreamHandle, arrayBuffer: ArrayBuffer): unknown {
    const state = streamWrap!;
    const nread = state.streamBaseState[state.kReadBytesOrError];
    if (nread > 0) {
      if (this.socket.destroyed) return undefined;
      this.socket._unrefTimer();
      this.sink(Buffer.from(arrayBuffer, state.streamBaseState[state.kArrayBufferOffset], nread));
      return undefined;
    }
    if (nread === 0) return undefined;
    // EOF or an error: Node's own path emits 'end' or 'error' (the state array still holds nread).
    this.ended = true;
    handle.onread = this.nodeOnRead;
    return this.nodeOnRead.call(handle, arrayBuffer);
  }
}

function onNativeRead(this: StreamHandle, arrayBuffer: ArrayBuffer): unknown {
  return this[READER]!.read(this, arrayBuffer);
}
