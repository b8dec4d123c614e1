import * as net from 'net';
import { streamWrap, WriteWrap } from './stream-wrap';

/** The native handle of a plain TCP socket (TCPWrap): the two writes used here. */
interface TcpHandle {
  writeLatin1String(req: WriteWrap, text: string): number;
  writeBuffer(req: WriteWrap, data: Buffer): number;
}

type SocketInternals = net.Socket & { _handle?: TcpHandle | null; _unrefTimer(): void; [QUEUED]?: boolean };

/** Set on a socket while one of these writes waits in libuv's queue. */
const QUEUED = Symbol('seclb.nativeWriteQueued');

/** The queued write completed: the socket may take native writes again and hears 'drain'; a failed one closes it. */
function onQueuedWriteComplete(this: WriteWrap, status: number): void {
  const socket = this.socket as SocketInternals;
  this.socket = undefined;
  this.buffer = undefined;
  socket[QUEUED] = false;
  if (status < 0) { socket.destroy(); return; }
  socket.emit('drain');
}

/** Nothing to do after a write that completed at once (libuv still calls back only for queued ones). */
function onWriteComplete(): void { /* written synchronously */ }

/** What `writeNative` did. */
export enum NativeWrite {
  /** Not written: the caller writes with `socket.write` (TLS socket, stream has buffered data, ...). */
  Unavailable = 0,
  /** Every byte went to the kernel (or the write failed and the socket was destroyed). */
  Done = 1,
  /** Part of it waits in libuv's queue; the socket emits 'drain' once it is written (or is destroyed on failure). */
  Queued = 2,
}

/**
 * Writes `data` (latin1 text or bytes) straight on a plain TCP socket's native handle, skipping
 * the Writable stream (no buffering object, no write callback, no 'finish' bookkeeping): about
 * 3 % of the CPU of a proxied keep-alive request (bench/RESULTS.md). It is used only where the
 * stream path would do the same thing at once: a plain `net.Socket` (TLS sockets' handles are
 * the TLS layer), connected, open, not corked, with nothing buffered in its stream and no
 * earlier native write still queued; otherwise it returns `Unavailable` and writes nothing.
 * libuv keeps all writes of a handle in order, so later `socket.write`s and `end()` follow.
 * Re-arms the socket's idle timer as `socket.write` does. Not counted in `socket.bytesWritten`.
 */
export function writeNative(socket: net.Socket, data: string | Buffer): NativeWrite {
  const s = socket as SocketInternals;
  const handle = s._handle;
  if (!streamWrap || !handle || (s.constructor as unknown) !== net.Socket || s.connecting || s.destroyed || s.writableEnded
    || s.writableLength !== 0 || s.writableCorked !== 0 || s[QUEUED]) return NativeWrite.Unavailable;
  s._unrefTimer();
  const req = new streamWrap.WriteWrap();
  req.handle = handle;
  req.oncomplete = onWriteComplete;
  req.async = false;
  const err = typeof data === 'string' ? handle.writeLatin1String(req, data) : handle.writeBuffer(req, data);
  if (err !== 0) { socket.destroy(); return NativeWrite.Done; }
  if (!streamWrap.streamBaseState[streamWrap.kLastWriteWasAsync]) return NativeWrite.Done;
  req.async = true;
  req.oncomplete = onQueuedWriteComplete;
  req.socket = socket;
  if (typeof data !== 'string') req.buffer = data;
  s[QUEUED] = true;
  return NativeWrite.Queued;
}

/**
 * One write without a callback: straight on the handle when `writeNative` can, else the stream's
 * `write` (text as latin1). False when bytes wait: a queued native write ends with the socket's
 * 'drain', as a full stream does.
 */
export function writeNativeOrStream(socket: net.Socket, data: string | Buffer): boolean {
  const native = writeNative(socket, data);
  if (native === NativeWrite.Done) return true;
  if (native === NativeWrite.Queued) return false;
  return typeof data === 'string' ? socket.write(data, 'latin1') : socket.write(data);
}
