import * as net from 'net';

/**
 * How long a client connection the relay gave up on has, after the load balancer closed its side,
 * to close its own side; then it is destroyed. 2 s.
 */
export const CLIENT_CLOSE_GRACE_MS = 2_000;

/**
 * Closes a client connection that will not be relayed (no InService instance, every instance
 * refused, a back end failed its pins): as ELB does, the client sees its TLS handshake complete
 * (SSL) and then a clean close, not a reset. `end()` goes out after everything already written
 * (for SSL, the server's last handshake flight, then close_notify), where `destroy()` would drop
 * it. Bytes the client sends meanwhile are read and discarded (a socket closed with bytes unread
 * answers with a reset); a client that has not closed its side after `graceMs` is destroyed.
 * @param graceMs default `CLIENT_CLOSE_GRACE_MS`
 */
export function closeUnrelayed(client: net.Socket, graceMs = CLIENT_CLOSE_GRACE_MS): void {
  if (client.destroyed) return;
  const fallback = setTimeout(() => client.destroy(), graceMs);
  fallback.unref();
  client.once('close', () => clearTimeout(fallback));
  client.resume();
  client.end();
}
