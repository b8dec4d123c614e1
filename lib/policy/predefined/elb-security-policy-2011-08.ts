import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** August 2011: the original predefined policy (SSL 3.0, TLS 1.0, RC4, 3DES, no server order). */
export const ELB_SECURITY_POLICY_2011_08: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SECURITY_POLICY_2011_08,
  aliases: [],
  summary: 'August 2011: the original predefined policy (SSL 3.0, TLS 1.0, RC4, 3DES, no server order).',
  protocols: [TlsProtocol.SSL_V3, TlsProtocol.TLS_V1],
  serverDefinedCipherOrder: false,
  listsSslV2: true,
  ciphers: [
    'DHE-RSA-AES128-SHA',
    'AES128-SHA',
    'AES256-SHA',
    'DHE-DSS-AES128-SHA',
    'CAMELLIA128-SHA',
    'EDH-RSA-DES-CBC3-SHA',
    'DES-CBC3-SHA',
    'RC4-SHA',
    'DHE-RSA-AES256-SHA',
    'DHE-DSS-AES256-SHA',
    'DHE-RSA-CAMELLIA256-SHA',
    'DHE-DSS-CAMELLIA256-SHA',
    'CAMELLIA256-SHA',
    'EDH-DSS-DES-CBC3-SHA',
    'DHE-RSA-CAMELLIA128-SHA',
    'DHE-DSS-CAMELLIA128-SHA',
  ],
};
