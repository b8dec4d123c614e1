import { ListenerProtocol } from '../document/listener-protocol';
import { Finding, Findings } from '../findings';
import { nearestName, q, upper } from './rule-helpers';

/** Codes of the listener protocol rule. */
export const LISTENER_PROTOCOL_CODES = {
  UNSUPPORTED: 'SECLB_LISTENER_PROTOCOL_UNSUPPORTED',
} as const;

const PROTOCOLS: string[] = Object.values(ListenerProtocol);

/**
 * A front-end or back-end protocol is HTTP, HTTPS, TCP or SSL (any case; stored upper case).
 * ELB answers `UnsupportedProtocol` otherwise.
 */
export function checkListenerProtocol(path: string, protocol: string): Finding[] {
  if (PROTOCOLS.includes(upper(protocol))) return [];
  const suggestion = upper(protocol) === 'TLS' ? 'SSL' : nearestName(String(protocol ?? ''), PROTOCOLS);
  return [Findings.error(LISTENER_PROTOCOL_CODES.UNSUPPORTED, path, q(protocol),
    `${path} is ${q(protocol)}, which Classic ELB does not support.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
    `Classic ELB listener protocols are ${PROTOCOLS.join(', ')} (UnsupportedProtocol otherwise).`,
    suggestion ? `use '${suggestion}'.` : `use one of ${PROTOCOLS.join(', ')}.`)];
}
