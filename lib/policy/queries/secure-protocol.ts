import { ListenerProtocol } from '../document/listener-protocol';

/** The listener protocols that carry TLS: `HTTPS` (layer 7) and `SSL` (layer 4). */
export const SECURE_PROTOCOLS: readonly ListenerProtocol[] = [ListenerProtocol.HTTPS, ListenerProtocol.SSL];

/** The layer-7 listener protocols: `HTTP` and `HTTPS`. */
export const HTTP_PROTOCOLS: readonly ListenerProtocol[] = [ListenerProtocol.HTTP, ListenerProtocol.HTTPS];

const upper = (value: unknown): string => (typeof value === 'string' ? value.toUpperCase() : '');

/**
 * True when a listener protocol (front end or back end) carries TLS: HTTPS or SSL, in any case
 * (ELB compares protocols without regard to case). Anything else, including non-strings, is false.
 * The one answer to "is this connection encrypted" for the rules, the constructs, the security
 * advice, the deploy core's review and the engine.
 */
export function isSecureProtocol(protocol: unknown): boolean {
  return (SECURE_PROTOCOLS as readonly string[]).includes(upper(protocol));
}

/** True for the layer-7 protocols (HTTP, HTTPS), in any case; false for TCP, SSL and anything else. */
export function isHttpProtocol(protocol: unknown): boolean {
  return (HTTP_PROTOCOLS as readonly string[]).includes(upper(protocol));
}
