import * as http from 'http';
import { TLSSocket } from 'tls';
import { BackendTarget } from '../backends/backend-target';
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

  constructor(private readonly writer: AccessLogWriter, private readonly req: http.IncomingMessage, private readonly listener: CompiledListener) {
    req.on('data', (c: Buffer) => { this.receivedBytes += c.length; });
  }

  /** The request was handed to an instance. */
  public dispatched(target: BackendTarget, proxyReq: http.ClientRequest): void {
    proxyReq.once('finish', () => { this.sentAt = nowPrecise(); });
    this.backend = `${target.address}:${target.port}`;
  }

  /** The instance's response headers arrived and are being relayed. */
  public responding(proxyRes: http.IncomingMessage): void {
    this.headersAt = nowPrecise();
    this.backendStatus = String(proxyRes.statusCode ?? 0);
    proxyRes.on('data', (c: Buffer) => { this.sentBytes += c.length; });
    this.respondedAt = nowPrecise();
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
    const socket = this.req.socket;
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
