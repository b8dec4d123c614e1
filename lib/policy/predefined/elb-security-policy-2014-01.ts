import { TlsProtocol } from '../attributes/types';
import { PredefinedPolicyDefinition } from './predefined-policy-definition';
import { SecurityPolicy } from './security-policy';

/** February 2014: the first policy with TLS 1.1/1.2, ECDHE, GCM and server order. */
export const ELB_SECURITY_POLICY_2014_01: PredefinedPolicyDefinition = {
  name: SecurityPolicy.ELB_SECURITY_POLICY_2014_01,
  aliases: [],
  summary: 'February 2014: the first policy with TLS 1.1/1.2, ECDHE, GCM and server order.',
  protocols: [TlsProtocol.SSL_V3, TlsProtocol.TLS_V1, TlsProtocol.TLS_V1_1, TlsProtocol.TLS_V1_2],
  serverDefinedCipherOrder: true,
  listsSslV2: true,
  ciphers: [
    'ECDHE-ECDSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-ECDSA-AES128-SHA256',
    'ECDHE-RSA-AES128-SHA256',
    'ECDHE-ECDSA-AES128-SHA',
    'ECDHE-RSA-AES128-SHA',
    'DHE-RSA-AES128-SHA',
    'ECDHE-ECDSA-AES256-GCM-SHA384',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'ECDHE-ECDSA-AES256-SHA384',
    'ECDHE-RSA-AES256-SHA384',
    'ECDHE-RSA-AES256-SHA',
    'ECDHE-ECDSA-AES256-SHA',
    'AES128-GCM-SHA256',
    'AES128-SHA256',
    'AES128-SHA',
    'AES256-GCM-SHA384',
    'AES256-SHA256',
    'AES256-SHA',
    'DHE-DSS-AES128-SHA',
    'ECDHE-RSA-RC4-SHA',
    'RC4-SHA',
  ],
};
