import * as net from 'net';
import { TLSSocket } from 'tls';
import { BackendTarget } from '../backends/backend-target';
import { AccessLogWriter } from './access-log-writer';
import { nowPrecise, splitMillis } from './access-log-clock';

/**
 * One TCP/SSL connection's access-log fields (elb-facts §8.2): request processing = accept to the
 * first byte sent to the instance, back-end processing = time to connect to the instance, response
 * processing = first byte from the instance to sending it on; bytes are all payload, as relayed
 * (the relay reports them through `up` and `down`).
 */
export class TcpAccessRecord {
  private readonly acceptedAt = nowPrecise();
  private connectedAt = -1;
  private firstUpAt = -1;
  private firstDownAt = -1;
  private firstDownSentAt = -1;
  private backend = '-';
  private receivedBytes = 0;
  private sentBytes = 0;
  private written = false;

  constructor(private readonly writer: AccessLogWriter, private readonly client: net.Socket, private readonly rawClient: net.Socket) {}

  /** The instance accepted the connection. */
  public connected(target: BackendTarget): void {
    this.connectedAt = nowPrecise();
    this.backend = `${target.address}:${target.port}`;
  }

  /** `bytes` from the client were relayed to the instance. */
  public up(bytes: number): void {
    if (this.firstUpAt < 0) this.firstUpAt = nowPrecise();
    this.receivedBytes += bytes;
  }

  /** `bytes` from the instance were relayed to the client. */
  public down(bytes: number): void {
    if (this.firstDownAt < 0) {
      this.firstDownAt = nowPrecise();
      setImmediate(() => { if (this.firstDownSentAt < 0) this.firstDownSentAt = nowPrecise(); });
    }
    this.sentBytes += bytes;
  }

  /** Writes the line (once), when the relay ends or the connection could not be dispatched. */
  public finish(): void {
    if (this.written) return;
    this.written = true;
    const { ms, micros } = splitMillis(this.acceptedAt);
    const tls = this.client instanceof TLSSocket ? this.client : undefined;
    const dispatched = this.connectedAt >= 0 && this.firstUpAt >= 0;
    this.writer.write({
      receivedAtMs: ms,
      receivedAtMicros: micros,
      client: `${this.rawClient.remoteAddress}:${this.rawClient.remotePort}`,
      backend: this.backend,
      requestProcessingTime: dispatched ? (this.firstUpAt - this.acceptedAt) / 1000 : -1,
      backendProcessingTime: this.connectedAt >= 0 ? (this.connectedAt - this.acceptedAt) / 1000 : -1,
      responseProcessingTime: this.firstDownAt >= 0 && this.firstDownSentAt >= 0 ? (this.firstDownSentAt - this.firstDownAt) / 1000 : -1,
      elbStatusCode: '-',
      backendStatusCode: '-',
      receivedBytes: this.receivedBytes,
      sentBytes: this.sentBytes,
      request: '- - - ',
      userAgent: '-',
      sslCipher: tls?.getCipher()?.name ?? '-',
      sslProtocol: tls?.getProtocol() ?? '-',
    });
  }
}
