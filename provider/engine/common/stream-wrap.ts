import type * as net from 'net';

/** A write request of Node's `stream_wrap` binding (what `socket.write` makes per write). */
export interface WriteWrap {
  handle: unknown;
  oncomplete: (this: WriteWrap, status: number) => void;
  async: boolean;
  /** Keeps a queued Buffer alive until libuv wrote it (as Node's own `handleWriteReq` does). */
  buffer?: Buffer;
  socket?: net.Socket;
}

/**
 * Node's `stream_wrap` binding: the shared state array where each native read leaves its length
 * and offset and each native write says whether it was queued, and the write request class.
 * `net` reads and writes every socket through it; the TCP relay's reads (`NativeReads`) and the
 * lean HTTP paths' writes (`writeNative`) use it directly. Reached through `process.binding`,
 * which is deprecated in documentation only (DEP0111: a warning only under
 * `--pending-deprecation`) and has `stream_wrap` on its allow list.
 */
export interface StreamWrapBinding {
  readonly streamBaseState: Int32Array;
  readonly kReadBytesOrError: number;
  readonly kArrayBufferOffset: number;
  readonly kLastWriteWasAsync: number;
  readonly WriteWrap: new () => WriteWrap;
}

function load(): StreamWrapBinding | undefined {
  try {
    const b = (process as unknown as { binding(name: string): Partial<StreamWrapBinding> }).binding('stream_wrap');
    // Not `instanceof Int32Array`: the array is of Node's own realm, not a sandbox's (jest).
    if (Object.prototype.toString.call(b.streamBaseState) === '[object Int32Array]' && typeof b.WriteWrap === 'function'
      && typeof b.kReadBytesOrError === 'number' && typeof b.kArrayBufferOffset === 'number' && typeof b.kLastWriteWasAsync === 'number') {
      return b as StreamWrapBinding;
    }
  } catch {
    // not available on this Node
  }
  return undefined;
}

/** The binding, or undefined where this Node does not offer it (callers then use the sockets' stream API). */
export const streamWrap: StreamWrapBinding | undefined = load();
