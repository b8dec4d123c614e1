import * as net from 'net';
import { ClientHello, ClientHelloRead } from './client-hello';

/** What a peek ends with: a read ClientHello, bytes that are not one, or nothing (the client left first). */
export type ClientHelloPeekResult = Exclude<ClientHelloRead, { kind: 'incomplete' }> | undefined;

/**
 * Reads a connection's first bytes until they hold a whole ClientHello (or clearly are not one),
 * then puts every byte back on the socket, so the TLS socket created afterwards reads the stream
 * from its first byte. Bytes are parsed again only once enough have arrived to change the answer,
 * and `ClientHello` bounds the records it reads, so a client dribbling bytes costs little. The
 * caller's handshake timeout bounds the wait.
 */
export class ClientHelloPeek {
  /**
   * Starts reading `socket`; calls `done` once, with the ClientHello read (bytes put back, socket
   * paused), or with undefined when the socket ends or closes first.
   */
  public static read(socket: net.Socket, done: (result: ClientHelloPeekResult) => void): void {
    const chunks: Buffer[] = [];
    let length = 0;
    let atLeast = 1;
    let finished = false;
    const finish = (result: ClientHelloPeekResult) => {
      if (finished) return;
      finished = true;
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.removeListener('close', onEnd);
      if (result) {
        socket.pause();
        socket.unshift(Buffer.concat(chunks));
      }
      done(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length < atLeast) return;
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
      chunks.splice(0, chunks.length, bytes);
      const read = ClientHello.read(bytes);
      if (read.kind === 'incomplete') atLeast = read.atLeast;
      else finish(read);
    };
    const onEnd = () => finish(undefined);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
  }

  private constructor() {}
}
