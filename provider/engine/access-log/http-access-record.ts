import * as net from 'net';
import { TLSSocket } from 'tls';
import { BackendTarget } from '../backends/backend-target';
import { ProxiedRequest } from '../common/proxied-request';
import { CompiledListener } from '../model/compiled-load-balancer';
import { AccessLogWriter } from './access-log-writer';
import { nowPrecise, splitMillis } from './access-log-clock';

/**
 * Collects one HTTP/HTTPS request's access-log fields (elb-facts §8.2) as it passes through the
 * proxy, and writes the line when the response ends. Created only when the load balancer logs.
 */
export class HttpAccessRecord {
  private readonly receivedAt = nowPrecise();
  private sentAt = -1;
  private headersAt = -1;
  private respondedAt = -1;
  private backend = '-';
  private backendStatus = '0';
  private receivedBytes = 0;
  private sentBytes = 0;
  private written = false;
  /** The client connection, kept here: the request may lose its `socket` once its body was relayed. */
  private readonly socket: net.Socket;

  /**
   * Adds no listener to the request: its body is read by whoever relays it (a 'data' listener here
   * would start the flow before the back-end connection is ready), and counted through `bodyReceived`.
   */
  constructor(private readonly writer: AccessLogWriter, private readonly req: ProxiedRequest, private readonly listener: CompiledListener) {
    this.socket = req.socket;
  }

  /** The request is being handed to an instance. */
  public dispatched(target: BackendTarget): void {
    this.backend = `${target.address}:${target.port}`;
  }

  /** Request body bytes received from the client (and relayed to the instance). */
  public bodyReceived(bytes: number): void {
    this.receivedBytes += bytes;
  }

  /** The request (headers and body) was written to the instance. */
  public requestSent(): void {
    this.sentAt = nowPrecise();
  }

  /** The instance's response headers arrived and are being relayed. */
  public responding(statusCode: number): void {
    this.headersAt = nowPrecise();
    this.backendStatus = String(statusCode);
    this.respondedAt = nowPrecise();
  }

  /** Response body bytes relayed to the client. */
  public bodyRelayed(bytes: number): void {
    this.sentBytes += bytes;
  }

  /** The load balancer answered on its own (no instance, timeout, unparseable response, ...). */
  public answeredByLoadBalancer(bodyBytes: number): void {
    this.backend = '-';
    this.sentAt = this.headersAt = this.respondedAt = -1;
    this.sentBytes = bodyBytes;
  }

  /** Writes the line (once) with the status the client got. */
  public finish(elbStatus: number): void {
    if (this.written) return;
    this.written = true;
    const { ms, micros } = splitMillis(this.receivedAt);
    const dispatched = this.backend !== '-' && this.sentAt >= 0 && this.headersAt >= 0;
    const socket = this.socket;
    const tls = socket instanceof TLSSocket ? socket : undefined;
    const host = (this.req.headers.host ?? socket.localAddress ?? '').replace(/:\d+$/, '');
    this.writer.write({
      receivedAtMs: ms,
      receivedAtMicros: micros,
      client: `${socket.remoteAddress}:${socket.remotePort}`,
      backend: dispatched ? this.backend : '-',
      requestProcessingTime: dispatched ? (this.sentAt - this.receivedAt) / 1000 : -1,
      backendProcessingTime: dispatched ? (this.headersAt - this.sentAt) / 1000 : -1,
      responseProcessingTime: dispatched ? (this.respondedAt - this.headersAt) / 1000 : -1,
      elbStatusCode: String(elbStatus),
      backendStatusCode: dispatched ? this.backendStatus : '0',
      receivedBytes: this.receivedBytes,
      sentBytes: this.sentBytes,
      request: `${this.req.method} ${this.listener.forwardedProto}://${host}:${this.listener.port}${this.req.url} HTTP/${this.req.httpVersion}`,
      userAgent: this.req.headers['user-agent'] ?? '-',
      sslCipher: tls?.getCipher()?.name ?? '-',
      sslProtocol: tls?.getProtocol() ?? '-',
    });
  }
}
