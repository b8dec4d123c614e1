import * as net from 'net';
import { TcpAccessRecord } from '../access-log/tcp-access-record';
import { InFlight } from '../backends/connection-draining';
import { NativeReads } from './native-reads';

/** The relay a socket belongs to; set on both of its sockets, so the handlers below are shared by every relay. */
const RELAY = Symbol('seclb.tcpRelay');
type RelaySocket = net.Socket & { [RELAY]: TcpRelay };
/** One side's reading, paused and resumed for back-pressure (a socket's stream, or `NativeReads`). */
interface ReadSource { pause(): unknown; resume(): unknown }

/**
 * The byte pump of one TCP/SSL connection (elb-facts §6.1): what one side sends is written to the
 * other as it arrives, untouched. Cheaper than `pipe()` both ways: each side is read straight from
 * its native handle (`NativeReads`; 'data' events where Node's internals are not there) and each
 * chunk is one `write()` to the other side; the socket handlers are module functions that find
 * their relay on the socket (no closures per connection for them).
 *
 * - Back-pressure: a `write` that returns false stops reading the side that sent the bytes until
 *   the other side's 'drain', so a slow reader holds the sender back instead of filling memory.
 * - Half-close, as `pipe()` did it: a FIN from one side ends the other side after the bytes
 *   before it (and Node ends the first side's own half: no half-open relay). Bytes for a side that
 *   has already been ended are dropped.
 * - Idle timeout: either side silent for `idleMs` closes both.
 * - An error on either side, or `destroy()` (connection draining), closes both at once.
 * - The access record (if any) counts the bytes relayed each way.
 *
 * `onClosed` runs once, when the back-end connection has closed.
 */
export class TcpRelay implements InFlight {
  /** Where the client's bytes come from: its native handle (`NativeReads`), or its stream's 'data' events. */
  private clientIn: ReadSource;
  /** Where the back end's bytes come from, likewise. */
  private backendIn: ReadSource;

  constructor(public readonly client: net.Socket, public readonly backend: net.Socket, private readonly record: TcpAccessRecord | undefined,
    private readonly onClosed: (relay: TcpRelay) => void) {
    this.clientIn = client;
    this.backendIn = backend;
  }

  /** Starts relaying: hooks both sockets and starts reading them (the client may have been paused until now). */
  public start(idleMs: number): void {
    const client = this.client as RelaySocket;
    const backend = this.backend as RelaySocket;
    client[RELAY] = this;
    backend[RELAY] = this;
    client.on('drain', resumeBackend);
    backend.on('drain', resumeClient);
    client.on('end', endBackend);
    backend.on('end', endClient);
    client.on('close', endBackend);
    backend.on('close', onBackendClose);
    client.on('error', destroyRelay);
    backend.on('error', destroyRelay);
    client.setTimeout(idleMs);
    backend.setTimeout(idleMs);
    client.on('timeout', destroyRelay);
    backend.on('timeout', destroyRelay);
    const backendReads = NativeReads.take(backend, (chunk) => this.down(chunk));
    if (backendReads) this.backendIn = backendReads;
    else backend.on('data', onBackendData);
    const clientReads = NativeReads.take(client, (chunk) => this.up(chunk));
    if (clientReads) {
      this.clientIn = clientReads;
    } else {
      client.on('data', onClientData);
      client.resume();
    }
  }

  /** Closes both sides at once (an error, the idle timeout, or a deregistered instance). */
  public destroy(): void {
    this.client.destroy();
    this.backend.destroy();
  }

  /** Bytes from the client, written to the back end. */
  public up(chunk: Buffer): void {
    const backend = this.backend;
    if (backend.writableEnded) return;
    this.record?.up(chunk.length);
    if (!backend.write(chunk)) this.pauseClient();
  }

  /** Bytes from the back end, written to the client. */
  public down(chunk: Buffer): void {
    const client = this.client;
    if (client.writableEnded) return;
    this.record?.down(chunk.length);
    if (!client.write(chunk)) this.pauseBackend();
  }

  /** Stops reading the client until the back end drains. */
  public pauseClient(): void { this.clientIn.pause(); }

  /** The back end drained: reads the client again. */
  public resumeClient(): void { this.clientIn.resume(); }

  /** Stops reading the back end until the client drains. */
  public pauseBackend(): void { this.backendIn.pause(); }

  /** The client drained: reads the back end again. */
  public resumeBackend(): void { this.backendIn.resume(); }

  /** The back-end connection closed: the client's side ends after what was written, and the relay is done. */
  public closed(): void {
    this.client.end();
    this.record?.finish();
    this.onClosed(this);
  }
}

function onClientData(this: RelaySocket, chunk: Buffer): void {
  this[RELAY].up(chunk);
}

function onBackendData(this: RelaySocket, chunk: Buffer): void {
  this[RELAY].down(chunk);
}

/** The client drained: the back end may send again. */
function resumeBackend(this: RelaySocket): void {
  this[RELAY].resumeBackend();
}

/** The back end drained: the client may send again. */
function resumeClient(this: RelaySocket): void {
  this[RELAY].resumeClient();
}

function endBackend(this: RelaySocket): void {
  this[RELAY].backend.end();
}

function endClient(this: RelaySocket): void {
  this[RELAY].client.end();
}

function onBackendClose(this: RelaySocket): void {
  this[RELAY].closed();
}

function destroyRelay(this: RelaySocket): void {
  this[RELAY].destroy();
}
