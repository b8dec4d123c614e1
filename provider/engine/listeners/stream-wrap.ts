/**
 * Node's `stream_wrap` binding: the shared state array where each native read leaves its length
 * and offset. `net` reads every socket through it; the TCP relay does so directly (`NativeReads`).
 * Reached through `process.binding`, which is deprecated in documentation only (DEP0111: a warning
 * only under `--pending-deprecation`) and has `stream_wrap` on its allow list.
 */
export interface StreamWrapBinding {
  readonly streamBaseState: Int32Array;
  readonly kReadBytesOrError: number;
  readonly kArrayBufferOffset: number;
}

function load(): StreamWrapBinding | undefined {
  try {
    const b = (process as unknown as { binding(name: string): Partial<StreamWrapBinding> }).binding('stream_wrap');
    if (b.streamBaseState instanceof Int32Array && typeof b.kReadBytesOrError === 'number' && typeof b.kArrayBufferOffset === 'number') {
      return b as StreamWrapBinding;
    }
  } catch {
    // not available on this Node
  }
  return undefined;
}

/** The binding, or undefined where this Node does not offer it (callers then use the sockets' stream API). */
export const streamWrap: StreamWrapBinding | undefined = load();
