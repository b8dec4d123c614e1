import * as net from 'net';
import * as tls from 'tls';
import { EngineErrors, SeclbError } from '../errors';
import { BackendPin } from './backend-pin';
import { BackendTarget } from './backend-target';

/** What happens when a back end is refused by its pins; the data plane counts and logs it. */
export interface PinFailureListener {
  (target: BackendTarget, error: SeclbError, presentedKey?: string): void;
}

/**
 * Opens connections to back ends. For HTTPS/SSL back ends the TLS handshake is completed and the
 * key pin checked on 'secureConnect' *before* the socket is handed to anyone, so no request byte
 * ever reaches a back end that fails authentication. Without a pin set the certificate is not
 * verified at all (as on ELB). No SNI is sent (ELB sends none).
 */
export class BackendConnector {
  /**
   * Connects; calls back exactly once with a ready socket or an error.
   * @param timeoutMs connect + handshake deadline
   */
  public static connect(target: BackendTarget, timeoutMs: number, onPinFailure: PinFailureListener | undefined,
    callback: (err: Error | null, socket?: net.Socket) => void): void {
    let done = false;
    const finish = (err: Error | null, socket?: net.Socket) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(err, socket);
    };
    const timer = setTimeout(() => {
      sock.destroy();
      const err = new Error(`connect to ${target.instanceId} (${target.address}:${target.port}) timed out after ${timeoutMs} ms`) as NodeJS.ErrnoException;
      err.code = 'ETIMEDOUT';
      finish(err);
    }, timeoutMs);
    let sock: net.Socket;
    if (!target.tls) {
      sock = net.connect({ host: target.address, port: target.port });
      sock.once('connect', () => { sock.removeListener('error', finish); finish(null, sock); });
      sock.once('error', finish);
      return;
    }
    const tsock = tls.connect({ host: target.address, port: target.port, rejectUnauthorized: false, servername: '' });
    sock = tsock;
    tsock.once('error', finish);
    tsock.once('secureConnect', () => {
      if (target.pins) {
        const verdict = BackendPin.verify(tsock, target.pins);
        if (!verdict.ok) {
          const error = verdict.reason === 'no-certificate'
            ? EngineErrors.backendNoCertificate(target.instanceId, target.port)
            : EngineErrors.backendPinMismatch(target.instanceId, target.port, target.pins.policyName);
          tsock.destroy();
          onPinFailure?.(target, error, verdict.presented);
          finish(error);
          return;
        }
      }
      tsock.removeListener('error', finish);
      finish(null, tsock);
    });
  }

  private constructor() {}
}
