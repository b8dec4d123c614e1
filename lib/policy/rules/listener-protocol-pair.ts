import { Finding, Findings } from '../findings';
import { isHttpProtocol, isSecureProtocol } from '../queries/secure-protocol';
import { upper } from './rule-helpers';

/** Codes of the protocol pair rule. */
export const LISTENER_PROTOCOL_PAIR_CODES = {
  INVALID_PAIR: 'SECLB_LISTENER_PROTOCOL_PAIR_INVALID',
} as const;

const KNOWN = ['HTTP', 'HTTPS', 'TCP', 'SSL'];

/**
 * Front end and back end stay on one layer: HTTP/HTTPS forwards to HTTP/HTTPS, TCP/SSL to TCP/SSL.
 * Unknown protocols are left to the protocol rule.
 */
export function checkProtocolPair(path: string, protocol: string, instanceProtocol: string): Finding[] {
  const front = upper(protocol);
  const back = upper(instanceProtocol);
  if (!KNOWN.includes(front) || !KNOWN.includes(back)) return [];
  if (isHttpProtocol(front) === isHttpProtocol(back)) return [];
  const allowed = isHttpProtocol(front) ? ['HTTP', 'HTTPS'] : ['TCP', 'SSL'];
  const secure = isSecureProtocol(front);
  const suggestion = isHttpProtocol(front) ? (secure ? 'HTTPS' : 'HTTP') : (secure ? 'SSL' : 'TCP');
  return [Findings.error(LISTENER_PROTOCOL_PAIR_CODES.INVALID_PAIR, `${path}.instanceProtocol`, `'${instanceProtocol}'`,
    `${path}.instanceProtocol is '${instanceProtocol}' but ${path}.protocol is '${protocol}'.`,
    'Classic ELB forwards HTTP/HTTPS front ends to HTTP/HTTPS back ends and TCP/SSL front ends to TCP/SSL back ends; layers cannot be mixed.',
    `set ${path}.instanceProtocol to ${allowed.map((a) => `'${a}'`).join(' or ')} (e.g. '${suggestion}'), or change ${path}.protocol.`)];
}
