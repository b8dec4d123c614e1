import { Finding, Findings } from '../findings';
import { q } from './rule-helpers';

/** Codes of the health-check target rule. */
export const HEALTH_CHECK_TARGET_CODES = {
  INVALID: 'SECLB_HC_TARGET_INVALID',
  TOO_LONG: 'SECLB_HC_TARGET_TOO_LONG',
} as const;

/** Longest HTTP/HTTPS ping target ELB accepts (16-bit Unicode characters). */
export const MAX_HEALTH_CHECK_TARGET_LENGTH = 1024;

const RULE = 'A Classic ELB health-check target is TCP:<port>, SSL:<port>, HTTP:<port>/<path> or HTTPS:<port>/<path>, with a port from 1 to 65535; HTTP/HTTPS need a path starting with /, TCP/SSL take none.';

/** The health-check target parses as `TCP:port`, `SSL:port`, `HTTP:port/path` or `HTTPS:port/path`, at most 1024 characters. */
export function checkHealthCheckTarget(path: string, target: string): Finding[] {
  const bad = (why: string, fix: string) => [Findings.error(HEALTH_CHECK_TARGET_CODES.INVALID, path, q(target),
    `${path} is ${q(target)}, ${why}.`, RULE, fix)];
  if (typeof target !== 'string' || target === '') return bad('which is empty', `set ${path} to e.g. 'HTTP:80/index.html' or 'TCP:80'.`);
  const m = /^([A-Za-z]+):([0-9]*)(.*)$/s.exec(target);
  if (!m) return bad('which does not start with a protocol and a port', `write it as e.g. 'HTTP:80/index.html' or 'TCP:80'.`);
  const [, protocol, portText, rest] = m;
  const upperProtocol = protocol.toUpperCase();
  if (!['TCP', 'SSL', 'HTTP', 'HTTPS'].includes(upperProtocol)) {
    return bad(`whose protocol '${protocol}' is not TCP, SSL, HTTP or HTTPS`, `start it with TCP:, SSL:, HTTP: or HTTPS:, e.g. 'HTTP:${portText || 80}${rest.startsWith('/') ? rest : '/'}'.`);
  }
  const port = Number(portText);
  if (portText === '' || !Number.isInteger(port) || port < 1 || port > 65535) {
    return bad(`whose port '${portText}' is not from 1 to 65535`, `use a port from 1 to 65535, e.g. '${upperProtocol}:80${rest}'.`);
  }
  if (upperProtocol === 'HTTP' || upperProtocol === 'HTTPS') {
    if (!rest.startsWith('/')) {
      return bad(`which has no path after the port (${upperProtocol} checks request a path)`, `add a path, e.g. '${upperProtocol}:${portText}/'.`);
    }
    if (target.length > MAX_HEALTH_CHECK_TARGET_LENGTH) {
      return [Findings.error(HEALTH_CHECK_TARGET_CODES.TOO_LONG, path, `'${target.slice(0, 40)}...'`,
        `${path} is ${target.length} characters long.`,
        `An HTTP/HTTPS health-check target is at most ${MAX_HEALTH_CHECK_TARGET_LENGTH} characters.`,
        `shorten the path to at most ${MAX_HEALTH_CHECK_TARGET_LENGTH - upperProtocol.length - portText.length - 1} characters.`)];
    }
    return [];
  }
  if (rest !== '') {
    return bad(`but ${upperProtocol} checks only open a connection and take no path`, `use '${upperProtocol}:${portText}', or 'HTTP:${portText}${rest.startsWith('/') ? rest : '/'}' to request a path.`);
  }
  return [];
}
